using Reconciler.Daemon;
using Reconciler.Schema.Model;

namespace Reconciler.Tests.Daemon;

public sealed class ChangeWindowScheduleTests
{
    private static readonly DayOfWeek[] Weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];
    private static readonly ChangeWindow Office = new(Weekdays, new TimeOnly(9, 0), new TimeOnly(17, 0), "Europe/Berlin");

    private static DateTimeOffset Utc(int y, int m, int d, int h, int min = 0) => new(y, m, d, h, min, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(2026, 1, 12, 8, 30, true)]   // Monday 09:30 CET
    [InlineData(2026, 1, 12, 7, 59, false)]  // Monday 08:59 CET
    [InlineData(2026, 1, 12, 16, 0, false)]  // Monday 17:00 CET: the end is exclusive
    [InlineData(2026, 7, 13, 7, 30, true)]   // Monday 09:30 CEST (summer: UTC+2)
    [InlineData(2026, 7, 13, 15, 30, false)] // Monday 17:30 CEST
    [InlineData(2026, 1, 17, 10, 0, false)]  // Saturday
    public void Office_hours_in_Berlin(int y, int m, int d, int h, int min, bool open) =>
        ChangeWindowSchedule.IsOpen(Office, Utc(y, m, d, h, min)).Should().Be(open);

    [Fact]
    public void After_Friday_close_the_next_opening_is_Monday_morning_local_time()
    {
        ChangeWindowSchedule.NextOpening(Office, Utc(2026, 1, 16, 16, 30)).Should().Be(Utc(2026, 1, 19, 8, 0));
        ChangeWindowSchedule.NextOpening(Office, Utc(2026, 7, 17, 16, 30)).Should().Be(Utc(2026, 7, 20, 7, 0), "CEST is UTC+2");
        var now = Utc(2026, 1, 14, 10, 0);
        ChangeWindowSchedule.NextOpening(Office, now).Should().Be(now, "open now");
        ChangeWindowSchedule.NextOpening(null, now).Should().Be(now, "no window: always open");
    }

    [Fact]
    public void A_window_past_midnight_belongs_to_the_day_it_starts()
    {
        var night = new ChangeWindow([DayOfWeek.Friday], new TimeOnly(22, 0), new TimeOnly(4, 0), "UTC");
        ChangeWindowSchedule.IsOpen(night, Utc(2026, 1, 16, 23, 0)).Should().BeTrue("Friday 23:00");
        ChangeWindowSchedule.IsOpen(night, Utc(2026, 1, 17, 3, 59)).Should().BeTrue("Saturday 03:59 is still Friday night");
        ChangeWindowSchedule.IsOpen(night, Utc(2026, 1, 17, 4, 0)).Should().BeFalse();
        ChangeWindowSchedule.IsOpen(night, Utc(2026, 1, 16, 3, 0)).Should().BeFalse("Friday 03:00 belongs to Thursday night");
        ChangeWindowSchedule.NextOpening(night, Utc(2026, 1, 17, 5, 0)).Should().Be(Utc(2026, 1, 23, 22, 0));
    }

    [Fact]
    public void A_window_opening_in_the_spring_forward_gap_opens_when_the_clocks_jump()
    {
        // 2026-03-08 in New York: 02:00 EST jumps to 03:00 EDT; 02:30 does not exist that day.
        var sunday = new ChangeWindow([DayOfWeek.Sunday], new TimeOnly(2, 30), new TimeOnly(5, 0), "America/New_York");
        var opening = ChangeWindowSchedule.NextOpening(sunday, Utc(2026, 3, 7, 12, 0));
        opening.Should().Be(Utc(2026, 3, 8, 7, 0), "03:00 EDT is 07:00 UTC");
        ChangeWindowSchedule.IsOpen(sunday, opening).Should().BeTrue();
    }

    [Fact]
    public void All_day_windows_end_at_midnight()
    {
        var weekend = new ChangeWindow([DayOfWeek.Saturday, DayOfWeek.Sunday], new TimeOnly(0, 0), TimeOnly.MaxValue, "UTC");
        ChangeWindowSchedule.IsOpen(weekend, Utc(2026, 1, 18, 23, 59)).Should().BeTrue();
        ChangeWindowSchedule.IsOpen(weekend, Utc(2026, 1, 19, 0, 0)).Should().BeFalse();
    }
}

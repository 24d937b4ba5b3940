using Reconciler.Schema.Model;

namespace Reconciler.Daemon;

/// <summary>
/// When a domain's change window is open. Hours are in the window's time zone (DST handled by the zone rules); a
/// window whose end is before its start runs past midnight into the next day (22:00-04:00 on fri is open Friday
/// night until Saturday 04:00).
/// </summary>
public static class ChangeWindowSchedule
{
    public static bool IsOpen(ChangeWindow? window, DateTimeOffset utc)
    {
        if (window is null)
        {
            return true;
        }

        var local = TimeZoneInfo.ConvertTime(utc, Zone(window));
        var time = TimeOnly.FromDateTime(local.DateTime);
        var day = local.DayOfWeek;
        if (window.From <= window.To)
        {
            return window.Days.Contains(day) && time >= window.From && (time < window.To || window.To == TimeOnly.MaxValue);
        }

        var previous = (DayOfWeek)(((int)day + 6) % 7);
        return (window.Days.Contains(day) && time >= window.From) || (window.Days.Contains(previous) && time < window.To);
    }

    /// <summary>The next time the window is open: <paramref name="utc"/> itself when it is open now.</summary>
    public static DateTimeOffset NextOpening(ChangeWindow? window, DateTimeOffset utc)
    {
        if (window is null || IsOpen(window, utc))
        {
            return utc;
        }

        var zone = Zone(window);
        var localDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(utc, zone).DateTime);
        for (var i = 0; i <= 8; i++)
        {
            var date = localDate.AddDays(i);
            if (!window.Days.Contains(date.DayOfWeek))
            {
                continue;
            }

            var start = date.ToDateTime(window.From);
            // In a spring-forward gap the wall-clock time does not exist: the window opens when the clocks jump.
            while (zone.IsInvalidTime(start))
            {
                start = start.AddMinutes(15);
            }

            var opening = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(start, zone), TimeSpan.Zero);
            if (opening > utc)
            {
                return opening;
            }
        }

        return utc.AddDays(7); // unreachable for a valid window: every listed day recurs within a week
    }

    /// <summary>The window's time zone; an unknown id is a configuration error the caller reports.</summary>
    public static TimeZoneInfo Zone(ChangeWindow window) =>
        window.TimeZone is "UTC" or "Etc/UTC" ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(window.TimeZone);
}

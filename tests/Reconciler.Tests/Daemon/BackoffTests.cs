using Reconciler.Daemon;

namespace Reconciler.Tests.Daemon;

public sealed class BackoffTests
{
    [Fact]
    public void Doubles_per_failure_from_the_poll_interval_up_to_the_cap()
    {
        var poll = TimeSpan.FromSeconds(30);
        var max = TimeSpan.FromMinutes(10);
        Enumerable.Range(0, 8).Select(f => Backoff.Delay(f, poll, max).TotalSeconds)
            .Should().Equal(0, 30, 60, 120, 240, 480, 600, 600);
    }

    [Fact]
    public void Never_overflows()
    {
        Backoff.Delay(int.MaxValue, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1)).Should().Be(TimeSpan.FromHours(1));
        Backoff.Delay(64, TimeSpan.FromDays(1), TimeSpan.FromHours(1)).Should().Be(TimeSpan.FromHours(1));
    }
}

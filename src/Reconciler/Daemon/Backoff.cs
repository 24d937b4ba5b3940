namespace Reconciler.Daemon;

/// <summary>
/// How long a failing domain waits before the next try: the poll interval doubled per consecutive failure, capped.
/// Other domains are not held up by it; a new commit for the domain resets it.
/// </summary>
public static class Backoff
{
    public static TimeSpan Delay(int failures, TimeSpan initial, TimeSpan max)
    {
        if (failures <= 0)
        {
            return TimeSpan.Zero;
        }

        var exponent = Math.Min(failures - 1, 30);
        var ticks = initial.Ticks * Math.Pow(2, exponent);
        return ticks >= max.Ticks ? max : TimeSpan.FromTicks((long)ticks);
    }
}

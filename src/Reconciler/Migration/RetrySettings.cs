namespace Reconciler.Migration;

/// <summary>Tries per mailbox (the first included) and the exponential backoff between them.</summary>
public sealed record RetrySettings
{
    public int Attempts { get; init; } = 5;

    public TimeSpan Delay { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMinutes(2);
}

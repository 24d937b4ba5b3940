namespace Reconciler.Daemon.Http;

/// <summary>
/// How much of a request body one endpoint will take: its size, how many bodies it reads at once, how long a body
/// may take to arrive, and how long a request waits for a free reading slot before it is told to come back later.
/// </summary>
public sealed record BodyLimits(int MaxBytes, int ConcurrentBodies, TimeSpan ReadTimeout, TimeSpan SlotWait)
{
    /// <summary>GitHub caps webhook payloads at 25 MB and gives up on a delivery after 10 s.</summary>
    public static BodyLimits GitHubWebhook { get; } = new(25 * 1024 * 1024, 4, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(5));

    /// <summary>A form a person fills in (an invite: a name, a password): a few kilobytes.</summary>
    public static BodyLimits Form { get; } = new(BoundedBodyReader.InMemoryBytes, 16, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(2));
}

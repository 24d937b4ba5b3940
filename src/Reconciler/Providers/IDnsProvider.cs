using Reconciler.Dns;

namespace Reconciler.Providers;

/// <summary>
/// Reads and changes zones on one live DNS system. Every provider passes the same contract suite
/// (tests/Contracts): reading is side-effect free, applying a step is idempotent, and a step whose "before" no longer
/// matches the live system fails with <see cref="ChangedSincePlanException"/> instead of overwriting it.
/// </summary>
public interface IDnsProvider
{
    string Name { get; }

    /// <summary>Record types this provider manages; the planner leaves every other type alone.</summary>
    IReadOnlySet<RecordType> ManagedTypes { get; }

    /// <summary>The zone as served now, or null when the provider has no such zone.</summary>
    Task<LiveZone?> ReadZoneAsync(DnsName zone, CancellationToken cancellationToken);

    /// <summary>Makes the zone exist (SOA and apex NS from the provider's settings); nothing if it already does.</summary>
    Task CreateZoneAsync(DnsName zone, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces one record set: <paramref name="before"/> is what the plan read (null: absent), <paramref name="after"/>
    /// what it must become (null: delete). Live already equal to <paramref name="after"/> is a no-op.
    /// </summary>
    Task ApplyAsync(DnsName zone, RecordSet? before, RecordSet? after, CancellationToken cancellationToken);
}

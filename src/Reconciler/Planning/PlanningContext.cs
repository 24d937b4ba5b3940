using Reconciler.Dns;
using Reconciler.Providers;
using Reconciler.Schema.Model;

namespace Reconciler.Planning;

/// <summary>Everything the differ knows besides desired and live state. No I/O behind any of it.</summary>
/// <param name="ManagedTypes">Record types the domain's DNS provider manages.</param>
public sealed record PlanningContext(
    DateTimeOffset Now,
    SafetyLimits Safety,
    IReadOnlySet<RecordType> ManagedTypes,
    IReadOnlyList<CutoverWait> Cutovers)
{
    /// <summary>TTL used ahead of a cutover (safety.cutoverTtl).</summary>
    public uint LowTtl => Safety.CutoverTtl;

    /// <summary>Mail resource kinds the domain's mail provider manages; the others are left alone.</summary>
    public IReadOnlySet<MailResourceKind> ManagedMailKinds { get; init; } = MailResourceKinds.All;

    /// <summary>The domain's last-known-good state: differences from it are restores, applied at once.</summary>
    public KnownGood KnownGood { get; init; } = KnownGood.None;
}

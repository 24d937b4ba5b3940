using Reconciler.Dns;
using Reconciler.Providers;
using Reconciler.Schema.Model;

namespace Reconciler.Planning;

/// <summary>Everything the differ knows besides desired and live state. No I/O behind any of it.</summary>
/// <param name="ManagedTypes">Record types the domain's DNS provider manages.</param>
/// <param name="LowTtl">TTL used ahead of a cutover.</param>
public sealed record PlanningContext(
    DateTimeOffset Now,
    SafetyLimits Safety,
    IReadOnlySet<RecordType> ManagedTypes,
    IReadOnlyList<CutoverWait> Cutovers,
    uint LowTtl = 300)
{
    /// <summary>Mail resource kinds the domain's mail provider manages; the others are left alone.</summary>
    public IReadOnlySet<MailResourceKind> ManagedMailKinds { get; init; } = MailResourceKinds.All;
}

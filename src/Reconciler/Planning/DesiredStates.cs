using System.Runtime.CompilerServices;
using Reconciler.Schema.Model;
using Reconciler.Schema.Validation;

namespace Reconciler.Planning;

/// <summary>
/// <see cref="DesiredStateBuilder.Build"/> once per manifest and day within one run: `validate`'s record check
/// (<see cref="RecordValueRule"/>) and the planner both need it, and it is a good share of a plan's CPU.
/// Keyed by the manifest object, so a manifest loaded again (the daemon's next pass) is built again.
/// </summary>
public sealed class DesiredStates
{
    private readonly ConditionalWeakTable<DomainManifest, Built> _built = new();

    public (DesiredDomain? Desired, IReadOnlyList<Diagnostic> Diagnostics) Build(DomainManifest manifest, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (_built.TryGetValue(manifest, out var built) && built.Today == today)
        {
            return (built.Desired, built.Diagnostics);
        }

        var (desired, diagnostics) = DesiredStateBuilder.Build(manifest, today);
        _built.AddOrUpdate(manifest, new Built(today, desired, diagnostics));
        return (desired, diagnostics);
    }

    private sealed record Built(DateOnly Today, DesiredDomain? Desired, IReadOnlyList<Diagnostic> Diagnostics);
}

namespace Reconciler.Applying;

/// <param name="AllowDestructive">Run steps the safety policy holds back.</param>
/// <param name="CheckFingerprints">Refuse when live state no longer has the fingerprint the plan was made against
/// (saved plans). A plan made just now by the same apply skips it.</param>
/// <param name="Faults">Test-only fault injection; none unless given.</param>
public sealed record ApplyOptions(bool AllowDestructive, bool CheckFingerprints, FaultInjection? Faults = null)
{
    public FaultInjection Faults { get; } = Faults ?? FaultInjection.None;
}

namespace Reconciler.Applying;

/// <param name="AllowDestructive">Run steps the safety policy holds back.</param>
/// <param name="CheckFingerprints">Refuse when live state no longer has the fingerprint the plan was made against
/// (saved plans). A plan made just now by the same apply skips it.</param>
/// <param name="KillAfterSteps">Fault injection for crash tests: the process kills itself after this many steps.</param>
/// <param name="StepDelay">Fault injection for shutdown tests: every step takes at least this long, so a stop can
/// arrive while one is in flight.</param>
public sealed record ApplyOptions(bool AllowDestructive, bool CheckFingerprints, int? KillAfterSteps = null, TimeSpan? StepDelay = null);

namespace Reconciler.Applying;

/// <param name="AllowDestructive">Run steps the safety policy holds back.</param>
/// <param name="CheckFingerprints">Refuse when live state no longer has the fingerprint the plan was made against
/// (saved plans). A plan made just now by the same apply skips it.</param>
/// <param name="KillAfterSteps">Test-only fault injection: die after this many steps, each already journaled.</param>
/// <param name="KillBeforeJournalAtStep">Test-only fault injection: die right after this step's provider change took,
/// before its result is journaled (the window the journal cannot close: the next apply must find the change done).</param>
/// <param name="StepDelay">Test-only fault injection: every step takes at least this long, so a stop can arrive
/// while one is in flight.</param>
public sealed record ApplyOptions(bool AllowDestructive, bool CheckFingerprints, int? KillAfterSteps = null, int? KillBeforeJournalAtStep = null, TimeSpan? StepDelay = null);

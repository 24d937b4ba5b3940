using System.Globalization;

namespace Reconciler.Applying;

/// <summary>
/// Test-only faults the end-to-end tests switch on through the environment of `apply` and `serve` (never set in
/// production). Read in one place so both verbs honour every switch the same way.
/// </summary>
/// <param name="KillAfterSteps">Die after this many steps, each already journaled.</param>
/// <param name="KillBeforeJournalAtStep">Die right after this step's provider change took, before its result is
/// journaled (the window the journal cannot close: the next apply must find the change done).</param>
/// <param name="StepDelay">Every step takes at least this long, so a stop can arrive while one is in flight.</param>
public sealed record FaultInjection(int? KillAfterSteps = null, int? KillBeforeJournalAtStep = null, TimeSpan? StepDelay = null)
{
    public const string KillAfterStepsVariable = "RECONCILER_FAULT_KILL_AFTER_STEPS";
    public const string KillBeforeJournalVariable = "RECONCILER_FAULT_KILL_BEFORE_JOURNAL";
    public const string StepDelayVariable = "RECONCILER_FAULT_STEP_DELAY_MS";

    public static FaultInjection None { get; } = new();

    public static FaultInjection FromEnvironment() => new(
        Number(KillAfterStepsVariable),
        Number(KillBeforeJournalVariable),
        Number(StepDelayVariable) is > 0 and var ms ? TimeSpan.FromMilliseconds(ms) : null);

    private static int? Number(string variable) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
}

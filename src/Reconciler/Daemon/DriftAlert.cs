namespace Reconciler.Daemon;

/// <param name="Event">appeared, changed or cleared.</param>
/// <param name="ReportMarkdown">The drift report (null when cleared).</param>
public sealed record DriftAlert(
    string Domain,
    string Event,
    string Summary,
    DateTimeOffset? Since,
    string Policy,
    string? ReportPath,
    string? ReportMarkdown,
    DateTimeOffset At);

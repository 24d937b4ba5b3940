namespace Reconciler.Daemon;

/// <summary>
/// Receives drift alerts: only when drift appears, changes or clears, never on every tick. The configured webhook
/// is one sink; the pull-request workflow plugs in another that opens and closes issues (the alert carries the
/// report's Markdown for the issue body).
/// </summary>
public interface IAlertSink
{
    Task SendAsync(DriftAlert alert, CancellationToken ct);
}

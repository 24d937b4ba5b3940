namespace Reconciler.Schema.Model;

public sealed record DaemonSettings(
    string? Repository,
    string Branch,
    string? Credentials,
    TimeSpan PollInterval,
    TimeSpan DriftInterval,
    string Listen,
    string? StatusToken,
    string? WebhookSecret,
    string? AlertWebhook,
    string Author)
{
    public static readonly DaemonSettings Default = new(
        null, "main", null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10), "127.0.0.1:8080", null, null, null,
        "reconciler <reconciler@localhost>");
}

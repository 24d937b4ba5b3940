using System.Net;
using Reconciler.Applying;
using Reconciler.GitOps;

namespace Reconciler.Daemon;

/// <summary>Everything `reconciler serve` runs with, resolved from reconciler.yaml and the command line.</summary>
/// <param name="StatusToken">The bearer token's value (resolved from its reference), or null: then the server must be on loopback.</param>
/// <param name="WebhookSecret">The GitHub webhook secret's value, or null: then every webhook is refused.</param>
public sealed record DaemonOptions(
    string ConfigFile,
    string RepositoryUrl,
    string Branch,
    string? Credentials,
    string WorkDirectory,
    IPEndPoint Listen,
    TimeSpan PollInterval,
    TimeSpan DriftInterval,
    string? StatusToken,
    byte[]? WebhookSecret,
    Uri? AlertWebhook,
    GitAuthor Author,
    ShardAssignment Shard,
    FaultInjection Faults,
    string Version)
{
    public string CloneDirectory => Path.Combine(WorkDirectory, "repo");

    public string JournalPath => Path.Combine(WorkDirectory, "journal.db");

    public string StatePath => Path.Combine(WorkDirectory, "daemon.db");

    /// <summary>The longest a failing domain waits between tries.</summary>
    public TimeSpan MaxBackoff
    {
        get
        {
            var t = PollInterval * 64;
            return t < TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : t > TimeSpan.FromHours(1) ? TimeSpan.FromHours(1) : t;
        }
    }

    public bool LoopbackOnly => IPAddress.IsLoopback(Listen.Address);
}

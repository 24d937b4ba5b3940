using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Reconciler.Applying;
using Reconciler.Daemon;
using Reconciler.Daemon.Http;
using Reconciler.GitOps;
using Reconciler.Schema;
using Reconciler.Schema.Loading;
using Reconciler.Schema.Model;
using Reconciler.Schema.Validation;
using Reconciler.Secrets;

namespace Reconciler.Cli;

/// <summary>
/// `reconciler serve`: the daemon. Its settings come from the `daemon:` section of a reconciler.yaml (given with
/// --config, a file or the folder holding it; default ./reconciler.yaml); the portfolio it reconciles is the one in
/// its own clone of daemon.repository (default: the origin of the Git repository holding the config, else that
/// repository itself), so the person's checkout is never touched. Exit codes: 0 stopped cleanly, 1 runtime failure
/// (e.g. the port is taken), 2 usage, 78 configuration error.
/// </summary>
public static class ServeCommand
{
    /// <summary>EX_CONFIG from sysexits.h: the configuration is wrong; restarting will not help.</summary>
    public const int ConfigError = 78;

    public static Command Create(CliServices services)
    {
        var config = new Option<string>("--config", "-c")
        {
            Description = "reconciler.yaml (or the folder holding it) whose daemon: section configures the daemon. Default: ./reconciler.yaml.",
            DefaultValueFactory = _ => PortfolioLoader.ConfigFileName,
        };
        var work = new Option<string?>("--work") { Description = "The daemon's work folder (its clone, journal and state). Default: ~/.local/state/reconciler/<repository hash>." };
        var listen = new Option<string?>("--listen") { Description = "HTTP address, overriding daemon.listen (e.g. 0.0.0.0:8080 in a container)." };
        var repository = new Option<string?>("--repository") { Description = "Git URL, overriding daemon.repository." };
        var shardIndex = new Option<int>("--shard-index") { Description = "This replica's shard (0-based); with --shard-count.", DefaultValueFactory = _ => 0 };
        var shardCount = new Option<int>("--shard-count") { Description = "How many replicas split the portfolio (rendezvous hashing of domain names).", DefaultValueFactory = _ => 1 };
        var command = new Command("serve", "Run the daemon: track the Git branch, apply changes, detect drift, serve status, metrics and webhooks.")
        {
            config, work, listen, repository, shardIndex, shardCount,
        };
        command.SetAction(async (parse, ct) =>
        {
            var (index, count) = (parse.GetValue(shardIndex), parse.GetValue(shardCount));
            if (count < 1 || index < 0 || index >= count)
            {
                await services.Error.WriteLineAsync($"reconciler: --shard-index must be in 0..{count - 1} and --shard-count at least 1 (got {index} of {count})");
                return ExitCodes.Usage;
            }

            DaemonOptions options;
            try
            {
                options = await ResolveAsync(services, parse.GetValue(config)!, parse.GetValue(work), parse.GetValue(listen), parse.GetValue(repository), new ShardAssignment(index, count), ct);
            }
            catch (Exception e) when (e is DaemonConfigException or SecretException)
            {
                await services.Error.WriteLineAsync($"reconciler: {e.Message}");
                return ConfigError;
            }

            return await DaemonHost.RunAsync(options, services, ct);
        });
        return command;
    }

    public static async Task<DaemonOptions> ResolveAsync(CliServices services, string configPath, string? work, string? listen, string? repository, ShardAssignment shard, CancellationToken ct)
    {
        var file = Directory.Exists(configPath) ? Path.Combine(configPath, PortfolioLoader.ConfigFileName) : configPath;
        file = Path.GetFullPath(file);
        if (!File.Exists(file))
        {
            throw new DaemonConfigException($"{file} not found; pass --config with the reconciler.yaml whose daemon: section to use");
        }

        var loaded = YamlLoader.Load(await File.ReadAllTextAsync(file, ct), file);
        var errors = loaded.Diagnostics.Where(d => d.IsError).ToList();
        if (loaded.Document is MapNode node)
        {
            errors.AddRange(ManifestSchema.LoadEmbedded().Validate(node, SchemaPart.Config));
        }

        if (errors.Count > 0 || loaded.Document is not MapNode map)
        {
            throw new DaemonConfigException("the configuration has errors:\n  " + string.Join("\n  ", errors.Select(d => $"{d.Position}: {d.Message}")));
        }

        var directory = Path.GetDirectoryName(file)!;
        var daemon = ManifestBinder.BindConfig(map, directory, file).Daemon;
        var url = repository ?? daemon.Repository ?? await RepositoryOfAsync(directory, ct)
            ?? throw new DaemonConfigException($"no repository to track: set daemon.repository in {file}, or keep it in a Git repository with an origin");
        if (!url.Contains("://", StringComparison.Ordinal) && !GitCredentials.IsSsh(url) && Directory.Exists(Path.Combine(directory, url)))
        {
            url = Path.GetFullPath(Path.Combine(directory, url)); // a local path written relative to the config
        }

        var endpoint = ParseListen(listen ?? daemon.Listen);
        var token = daemon.StatusToken is { } t ? await ResolveAsync("daemon.statusToken", t, directory, ct) : null;
        if (token is null && !IPAddress.IsLoopback(endpoint.Address))
        {
            throw new DaemonConfigException($"listening on {endpoint} (not loopback) needs daemon.statusToken: the status pages and metrics would be open to the network. Set it (env:NAME or file:PATH) or listen on 127.0.0.1");
        }

        var secret = daemon.WebhookSecret is { } w ? WebhookSignature.SecretBytes(await ResolveAsync("daemon.webhookSecret", w, directory, ct)) : null;
        if (daemon.Credentials is { } credentials)
        {
            await ResolveAsync("daemon.credentials", credentials, directory, ct); // fail at start, not at the first fetch
        }

        Uri? alert = null;
        if (daemon.AlertWebhook is { } a && !Uri.TryCreate(a, UriKind.Absolute, out alert))
        {
            throw new DaemonConfigException($"daemon.alertWebhook '{a}' is not an absolute URL");
        }

        var workDirectory = Path.GetFullPath(work ?? DefaultWork(url, daemon.Branch));
        return new DaemonOptions(
            file, url, daemon.Branch, daemon.Credentials, workDirectory, endpoint, daemon.PollInterval, daemon.DriftInterval,
            token, secret, alert, GitAuthor.Parse(daemon.Author), shard, FaultInjection.FromEnvironment(), DaemonHost.Version);
    }

    private static async Task<string> ResolveAsync(string setting, string reference, string directory, CancellationToken ct)
    {
        try
        {
            return await SecretReference.Parse(reference).ResolveAsync(directory, ct);
        }
        catch (SecretException e)
        {
            throw new DaemonConfigException($"{setting}: {e.Message}");
        }
    }

    public static IPEndPoint ParseListen(string text)
    {
        if (text.StartsWith("localhost:", StringComparison.OrdinalIgnoreCase) && int.TryParse(text["localhost:".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var lp))
        {
            return new IPEndPoint(IPAddress.Loopback, lp);
        }

        if (text.StartsWith(':') && int.TryParse(text[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var ap))
        {
            return new IPEndPoint(IPAddress.Any, ap);
        }

        return IPEndPoint.TryParse(text, out var ep) && ep.Port > 0
            ? ep
            : throw new DaemonConfigException($"daemon.listen '{text}' is not an address:port (e.g. 127.0.0.1:8080, [::1]:8080, 0.0.0.0:8080)");
    }

    private static async Task<string?> RepositoryOfAsync(string directory, CancellationToken ct)
    {
        var top = await GitCli.RunAsync(directory, null, null, ct, "rev-parse", "--show-toplevel");
        if (!top.Ok)
        {
            return null;
        }

        var origin = await GitCli.RunAsync(directory, null, null, ct, "config", "--get", "remote.origin.url");
        return origin.Ok && origin.StdOut.Trim().Length > 0 ? origin.StdOut.Trim() : top.StdOut.Trim();
    }

    private static string DefaultWork(string url, string branch)
    {
        var home = Environment.GetEnvironmentVariable("XDG_STATE_HOME") is { Length: > 0 } x ? x : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(url + "#" + branch)))[..12];
        return Path.Combine(home, "reconciler", hash);
    }
}

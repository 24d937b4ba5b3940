using Reconciler.Dns;
using Reconciler.Integration.Tests.Dns.Servers;
using Reconciler.Tests.Common;
using Reconciler.Tests.Shared;

namespace Reconciler.Integration.Tests.Dns.Cli;

/// <summary>
/// A throw-away portfolio whose reconciler.yaml points one DNS provider, named <c>dns</c>, at a real server, run
/// through the built binary. Secrets are where an operator keeps them, outside the portfolio: the TSIG key is a BIND
/// <c>key {}</c> file named by a <c>file:</c> reference, the PowerDNS API key an environment variable named by an
/// <c>env:</c> reference (set only for the reconciler process).
/// </summary>
public sealed class DnsCliPortfolio : IDisposable
{
    public const string ApiKeyVariable = "RECONCILER_TEST_PDNS_API_KEY";

    private readonly TempPortfolio _portfolio = TempPortfolio.Empty();
    private readonly string _secrets = Directory.CreateTempSubdirectory("rcl-secrets-").FullName;
    private readonly Dictionary<string, string> _environment = [];

    private DnsCliPortfolio(DnsTestServer server, DnsName zone)
    {
        Server = server;
        Zone = zone;
    }

    public DnsTestServer Server { get; }

    public DnsName Zone { get; }

    /// <summary>The domain as manifests write it (no trailing dot).</summary>
    public string Domain => Zone.ToString().TrimEnd('.');

    public string Path => _portfolio.Path;

    public string KeyFile => System.IO.Path.Combine(_secrets, "tsig.key");

    /// <summary>
    /// The rfc2136 provider on <paramref name="server"/>. Changes are verified on <paramref name="nameServers"/>, or,
    /// when null, on the server itself; an empty list leaves <c>nameServers</c> out, so the provider verifies on the
    /// zone's apex NS.
    /// </summary>
    public static DnsCliPortfolio Rfc2136(DnsTestServer server, DnsName zone, IReadOnlyList<string>? nameServers = null, double verifySeconds = 10)
    {
        var p = new DnsCliPortfolio(server, zone);
        File.WriteAllText(p.KeyFile, $$"""
            key "{{DnsTestServer.KeyName}}" {
            	algorithm hmac-sha256;
            	secret "{{DnsTestServer.Secret}}";
            };

            """);
        var servers = nameServers ?? [server.Address.ToString()];
        var list = servers.Count == 0 ? "" : $", nameServers: [{string.Join(", ", servers.Select(s => $"\"{s}\""))}]";
        p.Write("reconciler.yaml", $$"""
            providers:
              dns: { kind: rfc2136, settings: { server: "{{server.Address}}", tsigKey: "file:{{p.KeyFile}}"{{list}}, verifyDeadlineSeconds: {{verifySeconds}} } }
            defaults: { dnsProvider: dns }
            """);
        return p;
    }

    /// <summary>The powerdns API provider on <paramref name="server"/>'s web port.</summary>
    public static DnsCliPortfolio PowerDnsApi(PowerDnsServer server, DnsName zone)
    {
        var p = new DnsCliPortfolio(server, zone);
        p._environment[ApiKeyVariable] = PowerDnsServer.ApiKey;
        p.Write("reconciler.yaml", $$"""
            providers:
              dns: { kind: powerdns, settings: { url: "{{server.ApiUrl}}", apiKey: "env:{{ApiKeyVariable}}" } }
            defaults: { dnsProvider: dns }
            """);
        return p;
    }

    public string Write(string relativePath, string text) => _portfolio.Write(relativePath, text);

    /// <summary>Adds top-level sections (e.g. <c>safety:</c>) to reconciler.yaml.</summary>
    public void AppendConfig(string yaml) => File.AppendAllText(System.IO.Path.Combine(Path, "reconciler.yaml"), "\n" + yaml.TrimEnd() + "\n");

    /// <summary>The apply journal the CLI keeps by default.</summary>
    public string JournalPath => System.IO.Path.Combine(Path, ".reconciler", "journal.db");

    public string ManifestPath => System.IO.Path.Combine(Path, "domains", Domain + ".yaml");

    public void WriteManifest(string yaml) => File.WriteAllText(ManifestPath, yaml);

    /// <summary>Runs `reconciler ARGS` in the portfolio folder.</summary>
    public Task<ExternalTool.Result> RunAsync(params string[] args) => RunAsync(null, args);

    public Task<ExternalTool.Result> RunAsync(IDictionary<string, string>? extraEnvironment, params string[] args)
    {
        var env = new Dictionary<string, string>(_environment);
        foreach (var (k, v) in extraEnvironment ?? new Dictionary<string, string>())
        {
            env[k] = v;
        }

        return ReconcilerProcess.RunAsync(Path, env, args);
    }

    public void Dispose()
    {
        _portfolio.Dispose();
        try
        {
            Directory.Delete(_secrets, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temp folder is not worth failing a test over
        }
    }
}

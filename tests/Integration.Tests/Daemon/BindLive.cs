using System.Globalization;
using System.Text;
using Reconciler.Integration.Tests.Dns.Servers;
using Reconciler.Tests.Common;
using Reconciler.Tests.Shared;

namespace Reconciler.Integration.Tests.Daemon;

/// <summary>
/// BIND as a daemon's live side, through the <c>rfc2136</c> provider. The TSIG key is a BIND key file outside the
/// repository, which reconciler.yaml names as a <c>file:</c> secret reference and which dig and nsupdate read with
/// <c>-k</c>. Reading is a signed AXFR by dig; a hand edit is an nsupdate that deletes the matching records and adds
/// the edited ones, as a person at the DNS host would.
/// </summary>
public sealed class BindLive : IDaemonLive
{
    private readonly BindServer _server;

    public BindLive(BindServer server)
    {
        _server = server;
        KeyFile = Path.Combine(server.Directory, "tsig.key");
        File.WriteAllText(KeyFile, $$"""
            key "{{DnsTestServer.KeyName}}" {
            	algorithm hmac-sha256;
            	secret "{{DnsTestServer.Secret}}";
            };

            """);
    }

    public string KeyFile { get; }

    /// <summary>Changes are verified on BIND itself (the zones' NS are made-up names), within a deadline kept short for tests.</summary>
    public string ProvidersYaml => $$"""
        providers:
          bind: { kind: rfc2136, settings: { server: "{{_server.Address}}", tsigKey: "file:{{KeyFile}}", nameServers: ["{{_server.Address}}"], verifyDeadlineSeconds: 10 } }
        defaults: { dnsProvider: bind }
        """;

    public async Task<string> ReadAsync(string domain) => string.Join('\n', await RecordLinesAsync(domain)) + "\n";

    public async Task ReplaceAsync(string domain, string from, string to)
    {
        var matching = (await RecordLinesAsync(domain)).Where(l => l.Contains(from, StringComparison.Ordinal) && !IsSoa(l)).ToList();
        if (matching.Count == 0)
        {
            throw new InvalidOperationException($"no live record of {domain} contains '{from}'");
        }

        var script = new StringBuilder().Append(CultureInfo.InvariantCulture, $"server 127.0.0.1 {_server.Port}\nzone {domain}\n");
        foreach (var line in matching)
        {
            script.Append("update delete ").Append(line).Append('\n');
            script.Append("update add ").Append(line.Replace(from, to, StringComparison.Ordinal)).Append('\n');
        }

        script.Append("send\n");
        var r = await ExternalTool.RunAsync("nsupdate", ["-k", KeyFile, "-t", "5"], stdin: script.ToString(), timeout: TimeSpan.FromSeconds(30));
        if (r.ExitCode != 0)
        {
            throw new InvalidOperationException($"nsupdate failed ({r.ExitCode}): {r.Output}\n{script}");
        }
    }

    /// <summary>The zone's records as dig prints them (name, TTL, class, type, data; tab-separated), SOA once, no TSIG.</summary>
    private async Task<IReadOnlyList<string>> RecordLinesAsync(string domain)
    {
        var r = await ExternalTool.RunAsync(
            "dig",
            ["@127.0.0.1", "-p", _server.Port.ToString(CultureInfo.InvariantCulture), "-k", KeyFile, domain, "AXFR", "+onesoa", "+noall", "+answer"],
            timeout: TimeSpan.FromSeconds(30));
        if (r.ExitCode != 0 || r.StdOut.Contains("Transfer failed", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"dig AXFR {domain} failed ({r.ExitCode}): {r.Output}");
        }

        return r.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.StartsWith(';') && !IsTsig(l))
            .ToList();
    }

    private static bool IsSoa(string line) => Field(line, 3) == "SOA";

    private static bool IsTsig(string line) => Field(line, 3) == "TSIG" || Field(line, 2) is "ANY" or "CLASS255";

    private static string? Field(string line, int index) =>
        line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) is var f && f.Length > index ? f[index] : null;
}

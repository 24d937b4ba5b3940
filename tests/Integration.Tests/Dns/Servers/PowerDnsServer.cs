using System.Globalization;
using System.Text;
using Reconciler.Tests.Common;

namespace Reconciler.Integration.Tests.Dns.Servers;

/// <summary>
/// PowerDNS Authoritative with the gsqlite3 backend and the HTTP API on a second free port. Zones are loaded with
/// pdnsutil before start; the key and the zones' TSIG-ALLOW-AXFR/DNSUPDATE metadata go in with one SQL script, so
/// unsigned transfers and updates are refused. Caches are off so changes behind its back show at once.
/// </summary>
public sealed class PowerDnsServer : DnsTestServer
{
    public const string ApiKey = "testapikey";

    private PowerDnsServer()
        : base("pdns")
    {
        WebPort = FreePort.Next();
    }

    public int WebPort { get; }

    public string ApiUrl => $"http://127.0.0.1:{WebPort.ToString(CultureInfo.InvariantCulture)}";

    public static async Task<PowerDnsServer> StartAsync(int zoneCount = 8)
    {
        var server = new PowerDnsServer();
        try
        {
            var d = server.Directory;
            server.WriteFile("pdns.conf", $"""
                launch=gsqlite3
                gsqlite3-database={d}/pdns.sqlite3
                local-address=127.0.0.1
                local-port={server.Port}
                socket-dir={d}
                daemon=no
                guardian=no
                write-pid=no
                disable-syslog=yes
                loglevel=4
                security-poll-suffix=
                server-id={server.Nonce}
                dnsupdate=yes
                allow-dnsupdate-from=127.0.0.0/8
                disable-axfr=no
                allow-axfr-ips=
                cache-ttl=0
                query-cache-ttl=0
                negquery-cache-ttl=0
                zone-cache-refresh-interval=0
                zone-metadata-cache-ttl=0
                api=yes
                api-key={ApiKey}
                webserver=yes
                webserver-address=127.0.0.1
                webserver-port={server.WebPort}
                webserver-allow-from=127.0.0.1
                default-soa-content=ns1.@ hostmaster.@ 1 3600 600 86400 300

                """);
            var schema = await File.ReadAllTextAsync("/usr/share/pdns-backend-sqlite3/schema/schema.sqlite3.sql");
            await Run("sqlite3", [Path.Combine(d, "pdns.sqlite3")], schema);
            foreach (var zone in server.MakeZones(zoneCount))
            {
                var file = zone.ToString().TrimEnd('.') + ".zone";
                server.WriteFile(file, StandardZone(zone));
                await Run("pdnsutil", [$"--config-dir={d}", "load-zone", zone.ToString(), Path.Combine(d, file)]);
            }

            var sql = new StringBuilder();
            sql.Append($"INSERT INTO tsigkeys (name, algorithm, secret) VALUES ('{KeyName}', 'hmac-sha256', '{Secret}');\n");
            foreach (var (kind, content) in new[] { ("TSIG-ALLOW-AXFR", KeyName), ("TSIG-ALLOW-DNSUPDATE", KeyName), ("SOA-EDIT-DNSUPDATE", "INCREASE") })
            {
                sql.Append($"INSERT INTO domainmetadata (domain_id, kind, content) SELECT id, '{kind}', '{content}' FROM domains;\n");
            }

            await Run("sqlite3", [Path.Combine(d, "pdns.sqlite3")], sql.ToString());
            await server.LaunchAsync("pdns_server", $"--config-dir={d}");
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private static async Task Run(string tool, string[] args, string? stdin = null)
    {
        var result = await ExternalTool.RunAsync(tool, args, stdin: stdin, timeout: TimeSpan.FromSeconds(30));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {string.Join(' ', args)} failed ({result.ExitCode}): {result.Output}");
        }
    }
}

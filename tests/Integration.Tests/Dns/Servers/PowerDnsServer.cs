using System.Globalization;
using System.Text;
using Reconciler.Dns;
using Reconciler.Dns.Records;
using Reconciler.Dns.ZoneFiles;
using Reconciler.Tests.Common;

namespace Reconciler.Integration.Tests.Dns.Servers;

/// <summary>
/// PowerDNS Authoritative with the gsqlite3 backend and the HTTP API on a second free port. Zones, the key and the
/// zones' TSIG-ALLOW-AXFR/DNSUPDATE metadata go into the database with one SQL script before start, so unsigned
/// transfers and updates are refused. Caches are off so changes behind its back show at once.
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

    public static async Task<PowerDnsServer> StartAsync(int zoneCount = 8, int emptyZoneCount = 0)
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
            // One SQL script for schema, zones, key and metadata: pdnsutil load-zone costs ~50 ms per zone. Rows
            // are written as pdnsutil writes them (names without the trailing dot, MX/SRV priority in its column).
            var sql = new StringBuilder(await File.ReadAllTextAsync("/usr/share/pdns-backend-sqlite3/schema/schema.sqlite3.sql"));
            var id = 0;
            foreach (var (zone, text) in server.MakeZones(zoneCount, emptyZoneCount))
            {
                id++;
                sql.Append(CultureInfo.InvariantCulture, $"INSERT INTO domains (id, name, type) VALUES ({id}, {Quote(Bare(zone))}, 'NATIVE');\n");
                var parsed = ZoneFileReader.Read(text, zone.ToString(), zone);
                foreach (var r in parsed.Records.Prepend(parsed.Soa))
                {
                    var (content, prio) = Row(r.Data);
                    sql.Append(CultureInfo.InvariantCulture, $"INSERT INTO records (domain_id, name, type, content, ttl, prio, disabled, auth) VALUES ({id}, {Quote(Bare(r.Name))}, {Quote(r.Type.ToString())}, {Quote(content)}, {r.Ttl}, {prio}, 0, 1);\n");
                }

                foreach (var (kind, value) in new[] { ("TSIG-ALLOW-AXFR", KeyName), ("TSIG-ALLOW-DNSUPDATE", KeyName), ("SOA-EDIT-DNSUPDATE", "INCREASE") })
                {
                    sql.Append(CultureInfo.InvariantCulture, $"INSERT INTO domainmetadata (domain_id, kind, content) VALUES ({id}, '{kind}', '{value}');\n");
                }
            }

            sql.Append($"INSERT INTO tsigkeys (name, algorithm, secret) VALUES ('{KeyName}', 'hmac-sha256', '{Secret}');\n");
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

    private static string Bare(DnsName name) => name.IsRoot ? "." : name.ToString().TrimEnd('.');

    private static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static (string Content, int Prio) Row(RecordData data) => data switch
    {
        MxData mx => (Bare(mx.Exchange), mx.Preference),
        SrvData srv => ($"{srv.Weight} {srv.Port} {Bare(srv.Target)}", srv.Priority),
        NameTargetData target => (Bare(target.Target), 0),
        SoaData soa => ($"{Bare(soa.PrimaryNameServer)} {Bare(soa.ResponsibleMailbox)} {soa.Serial} {soa.Refresh} {soa.Retry} {soa.Expire} {soa.Minimum}", 0),
        _ => (data.ToPresentation(), 0),
    };

    private static async Task Run(string tool, string[] args, string? stdin = null)
    {
        var result = await ExternalTool.RunAsync(tool, args, stdin: stdin, timeout: TimeSpan.FromSeconds(30));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {string.Join(' ', args)} failed ({result.ExitCode}): {result.Output}");
        }
    }
}

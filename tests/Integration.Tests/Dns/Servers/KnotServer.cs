using System.Text;
using Reconciler.Dns;

namespace Reconciler.Integration.Tests.Dns.Servers;

/// <summary>Knot DNS (knotd); refusals come back NOTAUTH, not REFUSED.</summary>
public sealed class KnotServer : DnsTestServer
{
    private KnotServer()
        : base("knot")
    {
    }

    public static async Task<KnotServer> StartAsync(int zoneCount = 8, int emptyZoneCount = 0)
    {
        var server = new KnotServer();
        try
        {
            var conf = new StringBuilder($"""
                server:
                    rundir: "{server.Directory}"
                    listen: 127.0.0.1@{server.Port}
                    identity: "{server.Nonce}"
                log:
                  - target: stderr
                    any: info
                database:
                    storage: "{server.Directory}"
                key:
                  - id: {KeyName}
                    algorithm: hmac-sha256
                    secret: {Secret}
                acl:
                  - id: tsig_xfr_update
                    key: {KeyName}
                    action: [transfer, update]
                template:
                  - id: default
                    storage: "{server.Directory}"
                    file: "%s.zone"
                zone:

                """);
            foreach (var (zone, text) in server.MakeZones(zoneCount, emptyZoneCount))
            {
                server.WriteFile(zone.ToString().TrimEnd('.') + ".zone", text);
                conf.Append($"  - domain: {zone}\n    acl: tsig_xfr_update\n");
            }

            server.WriteFile("knot.conf", conf.ToString());
            await server.LaunchAsync("knotd", "-c", Path.Combine(server.Directory, "knot.conf"));
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }
}

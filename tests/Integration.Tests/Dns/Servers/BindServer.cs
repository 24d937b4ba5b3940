using System.Text;
using Reconciler.Dns;

namespace Reconciler.Integration.Tests.Dns.Servers;

/// <summary>
/// BIND 9 (named -g), also listening on [::1] at the same port; transfers and updates need <see cref="DnsTestServer.Key"/>.
/// <c>check-integrity no</c>: BIND otherwise REFUSES an UPDATE adding an MX or SRV whose in-zone target has no
/// address yet, which the provider contract does on purpose (a plan adds the address first).
/// </summary>
public sealed class BindServer : DnsTestServer
{
    public const string Sha512KeyName = "key512";
    public const string Sha512Secret = "x8HBV1hUXdm8LGGmrBVn0/OQOsSXAdOp/FhVpQy3pYUgq5glbUMPNOE2sJQmJ0H6XkyXbSUCTiA06TOIfl4Lhg==";
    public const string Md5KeyName = "keymd5";
    public const string Md5Secret = "L4ZOqhMx3KWTqGRz5CKf4Q==";

    private BindServer()
        : base("bind")
    {
    }

    public static async Task<BindServer> StartAsync(int zoneCount = 8, int emptyZoneCount = 0, IReadOnlyDictionary<DnsName, string>? extraZones = null)
    {
        var server = new BindServer();
        try
        {
            var zones = server.MakeZones(zoneCount, emptyZoneCount).ToDictionary();
            foreach (var (zone, text) in extraZones ?? new Dictionary<DnsName, string>())
            {
                zones[zone] = text;
            }

            var conf = new StringBuilder($$"""
                options {
                    directory "{{server.Directory}}";
                    pid-file "{{server.Directory}}/named.pid";
                    session-keyfile "{{server.Directory}}/session.key";
                    listen-on port {{server.Port}} { 127.0.0.1; };
                    listen-on-v6 port {{server.Port}} { ::1; };
                    reuseport no;
                    recursion no;
                    dnssec-validation no;
                    notify no;
                    check-integrity no;
                    allow-transfer { none; };
                    server-id "{{server.Nonce}}";
                };
                controls { };
                key "{{KeyName}}" {
                    algorithm hmac-sha256;
                    secret "{{Secret}}";
                };
                key "{{Sha512KeyName}}" {
                    algorithm hmac-sha512;
                    secret "{{Sha512Secret}}";
                };
                key "{{Md5KeyName}}" {
                    algorithm hmac-md5;
                    secret "{{Md5Secret}}";
                };

                """);
            foreach (var (zone, text) in zones)
            {
                var file = zone.ToString().TrimEnd('.') + ".zone";
                server.WriteFile(file, text);
                conf.Append($$"""
                    zone "{{zone}}" {
                        type primary;
                        file "{{file}}";
                        allow-transfer { key {{KeyName}}; key {{Sha512KeyName}}; key {{Md5KeyName}}; };
                        allow-update { key {{KeyName}}; key {{Sha512KeyName}}; key {{Md5KeyName}}; };
                    };

                    """);
            }

            server.WriteFile("named.conf", conf.ToString());
            // named -g logs "running" once every zone is loaded.
            await server.LaunchAfterLogLineAsync(" running", "named", "-g", "-c", Path.Combine(server.Directory, "named.conf"));
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }
}

using Reconciler.Dns;

namespace Reconciler.Integration.Tests.Posture;

/// <summary>
/// A small portfolio and the zones BIND serves for it. Every domain is healthy (MX with an address, SPF, DKIM, DMARC
/// at p=reject after verified alignment, MTA-STS enforce with a policy served over HTTPS, TLS-RPT) except for one
/// seeded problem each; clean.test has none and parked.test sends and receives no mail.
/// </summary>
public static class PostureZones
{
    public const string Key1 = "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";
    public const string Key2 = "wuMtYPtvnNN/O9hJcYIISWFPTEg3oybw+LpsbvF21ek=";

    /// <summary>Domain → the exact codes `posture --live` must report for it.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Expected = new Dictionary<string, string[]>
    {
        ["clean.test"] = [],
        ["spf.test"] = ["SPF003"],            // 12 lookups through nested includes
        ["dkim.test"] = ["DKIM001", "DKIM019"], // manifest's s1 not published; selector1 published but not in the manifest
        ["dmarc.test"] = ["DMARC025"],        // p=reject published, alignment never verified
        ["mx.test"] = ["MX002"],              // mx2 is a CNAME
        ["parked.test"] = [],
    };

    public static IEnumerable<string> MailDomains => Expected.Keys.Where(d => d != "parked.test");

    public const string Config = """
        providers:
          zones: { kind: zonefile, settings: { directory: state/zones } }
        defaults: { dnsProvider: zones }
        """;

    public static string Policy(string domain) => $"version: STSv1\nmode: enforce\nmx: *.{domain}\nmax_age: 604800\n";

    public static IReadOnlyDictionary<string, string> Manifests() => new Dictionary<string, string>
    {
        ["clean.test"] = Manifest("clean.test"),
        ["spf.test"] = Manifest("spf.test", spf: "{ include: [_a.spf.test, _b.spf.test, _c.spf.test], all: fail }"),
        ["dkim.test"] = Manifest("dkim.test"),
        ["dmarc.test"] = Manifest("dmarc.test", verified: false),
        ["mx.test"] = Manifest("mx.test", mx: "[{ host: mx1 }, { host: mx2, preference: 20 }]", extraRecords: "    - { name: mx2, type: CNAME, value: mx1.mx.test. }\n"),
        ["parked.test"] = "domain: parked.test\nmail: { parked: true }\n",
    };

    public static IReadOnlyDictionary<DnsName, string> Zones()
    {
        var zones = new Dictionary<DnsName, string>
        {
            [DnsName.Parse("clean.test.")] = Zone("clean.test"),
            [DnsName.Parse("spf.test.")] = Zone("spf.test", spf: "v=spf1 include:_a.spf.test include:_b.spf.test include:_c.spf.test -all", extra: SpfIncludes()),
            [DnsName.Parse("dkim.test.")] = Zone("dkim.test", dkim: $"selector1._domainkey TXT \"v=DKIM1; k=ed25519; p={Key2}\""),
            [DnsName.Parse("dmarc.test.")] = Zone("dmarc.test"),
            [DnsName.Parse("mx.test.")] = Zone("mx.test", extra: "@ MX 20 mx2\nmx2 CNAME mx1\n"),
            [DnsName.Parse("parked.test.")] = """
                $ORIGIN parked.test.
                $TTL 300
                @ SOA ns1 hostmaster 1 3600 600 86400 300
                @ NS ns1
                ns1 A 127.0.0.1
                @ MX 0 .
                @ TXT "v=spf1 -all"
                _dmarc TXT "v=DMARC1; p=reject; sp=reject; adkim=s; aspf=s"
                *._domainkey TXT "v=DKIM1; p="

                """,
        };
        return zones;
    }

    private static string Manifest(string d, string? spf = null, string? mx = null, bool verified = true, string extraRecords = "") => $$"""
        domain: {{d}}
        mail:
          provider: none
          mx: {{mx ?? "[{ host: mx1 }]"}}
          spf: {{spf ?? "{ ip4: [192.0.2.25], all: fail }"}}
          dkim: [{ selector: s1, type: ed25519, publicKey: "{{Key1}}" }]
          dmarc: { p: reject, {{(verified ? "alignmentVerified: 2026-10-01, " : "")}}rua: ["mailto:dmarc@{{d}}"] }
          mtaSts: { mode: enforce, mx: ["*.{{d}}"], maxAge: 604800, id: "20261122" }
          tlsRpt: { rua: ["mailto:tls@{{d}}"] }
        dns:
          records:
            - { name: mx1, type: A, value: 192.0.2.25 }
        {{extraRecords}}
        """;

    private static string Zone(string d, string? spf = null, string? dkim = null, string extra = "") => $"""
        $ORIGIN {d}.
        $TTL 300
        @ SOA ns1 hostmaster 1 3600 600 86400 300
        @ NS ns1
        ns1 A 127.0.0.1
        @ MX 10 mx1
        mx1 A 192.0.2.25
        @ TXT "{spf ?? "v=spf1 ip4:192.0.2.25 -all"}"
        {dkim ?? $"s1._domainkey TXT \"v=DKIM1; k=ed25519; p={Key1}\""}
        _dmarc TXT "v=DMARC1; p=reject; rua=mailto:dmarc@{d}"
        _mta-sts TXT "v=STSv1; id=20261122"
        _smtp._tls TXT "v=TLSRPTv1; rua=mailto:tls@{d}"
        {extra}
        """;

    /// <summary>Three includes of three includes each: 12 DNS lookups, two over the limit.</summary>
    private static string SpfIncludes()
    {
        var lines = new List<string>();
        var n = 1;
        foreach (var branch in new[] { "a", "b", "c" })
        {
            lines.Add($"_{branch} TXT \"v=spf1 include:_{branch}1.spf.test include:_{branch}2.spf.test include:_{branch}3.spf.test ~all\"");
            for (var i = 1; i <= 3; i++)
            {
                lines.Add($"_{branch}{i} TXT \"v=spf1 ip4:198.51.100.{n++} ~all\"");
            }
        }

        return string.Join('\n', lines) + "\n";
    }
}

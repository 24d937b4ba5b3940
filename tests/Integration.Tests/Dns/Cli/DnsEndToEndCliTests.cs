using System.Security.Cryptography;
using Reconciler.Dns;
using Reconciler.Dns.Records;
using Reconciler.Integration.Tests.Dns.Servers;

namespace Reconciler.Integration.Tests.Dns.Cli;

/// <summary>
/// `reconciler plan` → `apply` → `plan` through the built binary against each real server: the rfc2136 provider on
/// BIND, Knot and PowerDNS (TSIG key from a <c>file:</c> reference), and the powerdns API provider (API key from an
/// <c>env:</c> reference). The manifest covers every record type the network providers manage, with a DKIM TXT
/// longer than one 255-octet string, so a normalization difference on any server shows as a non-empty second plan.
/// What the server then serves is checked with an independent `dig AXFR`.
/// </summary>
public sealed class DnsEndToEndCliTests(BindFixture bind, KnotFixture knot, PowerDnsFixture pdns)
    : IClassFixture<BindFixture>, IClassFixture<KnotFixture>, IClassFixture<PowerDnsFixture>
{
    public const string Tlsa = "3 1 1 0c72ac70b745ac19998811b131d662c9ac69dbdbe7cb23e5b514b56664c5d3d6";

    /// <summary>A 2048-bit RSA key: its DKIM record (about 400 octets) needs two TXT strings.</summary>
    public static string DkimKey { get; } = MakeKey();

    /// <summary>A manifest for <paramref name="domain"/> with MX, SPF, DKIM, DMARC, TLS-RPT and every managed record type.</summary>
    public static string Manifest(string domain, string apex = "192.0.2.10") => $$"""
        domain: {{domain}}
        mail:
          provider: none
          mx: [{ host: mail }, { host: mx2.example.net., preference: 20 }]
          spf: { mx: true, ip4: [192.0.2.0/24], include: [_spf.host.example], all: fail }
          dkim: [{ selector: s2048, type: rsa, publicKey: "{{DkimKey}}" }]
          dmarc: { p: none, rua: ["mailto:dmarc@{{domain}}"] }
          tlsRpt: { rua: ["mailto:tls@{{domain}}"] }
        dns:
          ttl: 600
          records:
            - { name: "@", type: A, values: [{{apex}}, 192.0.2.11] }
            - { name: mail, type: A, value: 192.0.2.25 }
            - { name: mail, type: AAAA, value: "2001:0DB8:0:0::25" }
            - { name: www, type: CNAME, value: "@" }
            - { name: "@", type: TXT, values: ["site-verification=a1b2", "quoted \"text\"; with semicolon"] }
            - { name: _sip._tcp, type: SRV, values: ["10 60 5060 sip.{{domain}}.", "20 0 5061 sip2.example.net."] }
            - { name: sip, type: A, value: 192.0.2.60 }
            - { name: "@", type: CAA, values: ['0 issue "letsencrypt.org"', '0 iodef "mailto:security@{{domain}}"'] }
            - { name: _25._tcp.mail, type: TLSA, value: "{{Tlsa}}" }
            - { name: sub, type: NS, values: [ns1.elsewhere.example., ns2.elsewhere.example.], ttl: 3600 }
            - { name: 10.in-addr, type: PTR, value: host.{{domain}}. }
        """;

    [Theory]
    [InlineData("bind")]
    [InlineData("knot")]
    [InlineData("pdns-rfc2136")]
    [InlineData("pdns-api")]
    public async Task Plan_apply_plan_converges_on_a_real_server(string configuration)
    {
        using var p = Portfolio(configuration);
        p.WriteManifest(Manifest(p.Domain));

        var first = await p.RunAsync("plan", "--detailed-exitcode");
        first.ExitCode.Should().Be(2, first.Output);
        first.StdOut.Should().MatchRegex(@"Plan: \d+ to add, 0 to change, 0 to delete across 1 domain");

        var apply = await p.RunAsync("apply", "--yes");
        apply.ExitCode.Should().Be(0, apply.Output);
        apply.StdOut.Should().MatchRegex(@"\d+ step\(s\) applied and verified");
        apply.StdErr.Should().BeEmpty();

        var again = await p.RunAsync("plan", "--detailed-exitcode");
        again.ExitCode.Should().Be(0, $"the second plan must be empty on {configuration}:\n{again.Output}");
        again.StdOut.Should().Contain("No changes");

        // What the server serves, read by dig (not by Reconciler's own client).
        var served = await p.Server.DigAxfrAsync(p.Zone);
        var zone = p.Zone;
        Values(served, zone, RecordType.MX).Should().BeEquivalentTo([$"10 mail.{zone}", "20 mx2.example.net."]);
        served.Records.Single(r => r.Name == DnsName.Parse("s2048._domainkey", zone)).Data.Should().BeOfType<TxtData>()
            .Which.Value.Should().Be($"v=DKIM1; k=rsa; p={DkimKey}", "the DKIM key is served whole, over several strings");
        Values(served, DnsName.Parse("_sip._tcp", zone), RecordType.SRV).Should().BeEquivalentTo([$"10 60 5060 sip.{zone}", "20 0 5061 sip2.example.net."]);
        Values(served, zone, RecordType.CAA).Should().BeEquivalentTo(["0 issue \"letsencrypt.org\"", $"0 iodef \"mailto:security@{p.Domain}\""]);
        Values(served, DnsName.Parse("_25._tcp.mail", zone), RecordType.TLSA).Should().ContainSingle().Which.Should().BeEquivalentTo(Tlsa, "hex digits in either case");
        Values(served, DnsName.Parse("sub", zone), RecordType.NS).Should().BeEquivalentTo(["ns1.elsewhere.example.", "ns2.elsewhere.example."]);
        Values(served, DnsName.Parse("mail", zone), RecordType.AAAA).Should().Equal("2001:db8::25");
        Values(served, DnsName.Parse("_dmarc", zone), RecordType.TXT).Should().ContainSingle().Which.Should().Contain("v=DMARC1; p=none");

        // A change of one value is one step, and converges again.
        p.WriteManifest(Manifest(p.Domain, apex: "192.0.2.12"));
        var change = await p.RunAsync("apply", "--yes");
        change.ExitCode.Should().Be(0, change.Output);
        change.StdOut.Should().Contain("Plan: 0 to add, 1 to change, 0 to delete").And.Contain("1 step(s) applied and verified");
        (await p.RunAsync("plan", "--detailed-exitcode")).ExitCode.Should().Be(0);
        Values(await p.Server.DigAxfrAsync(p.Zone), zone, RecordType.A).Should().BeEquivalentTo(["192.0.2.12", "192.0.2.11"]);
    }

    private DnsCliPortfolio Portfolio(string configuration) => configuration switch
    {
        "bind" => DnsCliPortfolio.Rfc2136(bind.Server, bind.Server.NextEmptyZone()),
        "knot" => DnsCliPortfolio.Rfc2136(knot.Server, knot.Server.NextEmptyZone()),
        "pdns-rfc2136" => DnsCliPortfolio.Rfc2136(pdns.Server, pdns.Server.NextEmptyZone()),
        "pdns-api" => DnsCliPortfolio.PowerDnsApi(pdns.Server, pdns.Server.NextEmptyZone()),
        _ => throw new ArgumentOutOfRangeException(nameof(configuration), configuration, "no such configuration"),
    };

    private static List<string> Values(Zone zone, DnsName name, RecordType type) =>
        zone.Records.Where(r => r.Name == name && r.Type == type).Select(r => r.Data.ToPresentation()).ToList();

    private static string MakeKey()
    {
        using var rsa = RSA.Create(2048);
        return Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo());
    }
}

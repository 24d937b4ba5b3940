using System.Security.Cryptography;
using Reconciler.Tests.Shared;

namespace Reconciler.Tests.Cli;

/// <summary>Normalization end to end: every record type the schema allows, applied, then planned again: no changes.</summary>
public sealed class EveryRecordTypeCliTests
{
    [Fact]
    public async Task After_applying_every_record_type_the_next_plan_is_empty()
    {
        using var rsa = RSA.Create(2048);
        var key = Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo());
        using var p = PlanApplyCliTests.NewPortfolio();
        p.Write("domains/shop.example.yaml", $$"""
            domain: shop.example
            mail:
              provider: none
              mx: [{ host: mail }, { host: MX2.Example.NET., preference: 20 }]
              spf: { mx: true, ip4: [192.0.2.0/24], ip6: ["2001:db8::/32"], include: [_spf.host.example], all: fail }
              dkim: [{ selector: s2048, type: rsa, publicKey: "{{key}}" }]
              dmarc: { p: none, rua: ["mailto:dmarc@shop.example"], fo: "1" }
              mtaSts: { mode: testing, mx: [mail.shop.example, mx2.example.net], maxAge: 86400, id: "20261122" }
              tlsRpt: { rua: ["mailto:tls@shop.example"] }
            dns:
              ttl: 1800
              records:
                - { name: "@", type: A, values: [192.0.2.10, 192.0.2.11] }
                - { name: mail, type: A, value: 192.0.2.25 }
                - { name: "@", type: AAAA, value: "2001:0DB8:0:0::10" }
                - { name: www, type: CNAME, value: "@" }
                - { name: "@", type: TXT, values: ["site-verification=a1b2", "quoted \"text\"; with semicolon"] }
                - { name: sub, type: NS, values: [ns1.elsewhere.example., ns2.elsewhere.example.], ttl: 86400 }
                - { name: _sip._tcp, type: SRV, value: "10 60 5060 sip.shop.example." }
                - { name: "@", type: CAA, values: ['0 issue "letsencrypt.org"', '0 iodef "mailto:security@shop.example"'] }
                - { name: _25._tcp.mail, type: TLSA, value: "3 1 1 0c72ac70b745ac19998811b131d662c9ac69dbdbe7cb23e5b514b56664c5d3d6" }
                - { name: 10.in-addr, type: PTR, value: host.shop.example. }
                - { name: bücher, type: CNAME, value: www.shop.example. }
            """);

        var apply = await ReconcilerProcess.RunAsync(p.Path, "apply", "--yes");
        apply.ExitCode.Should().Be(0, apply.Output);

        var plan = await ReconcilerProcess.RunAsync(p.Path, "plan", "--detailed-exitcode");
        plan.ExitCode.Should().Be(0, plan.Output);
        plan.StdOut.Should().Contain("No changes");

        var zone = Path.Combine(p.Path, "state", "zones", "shop.example.zone");
        File.ReadAllText(zone).Should().Contain("xn--bcher-kva");
        var check = await Common.ExternalTool.RunAsync("named-checkzone", ["shop.example", zone]);
        check.ExitCode.Should().Be(0, check.Output);
    }
}

using Reconciler.Posture;
using Reconciler.Posture.Live;
using Reconciler.Posture.MtaSts;
using Reconciler.Posture.Reporting;
using Reconciler.Schema.Model;

namespace Reconciler.Tests.Posture;

/// <summary>Live checks over an in-memory zone: MX rules, null MX domains, DKIM against the manifest, DMARC progression.</summary>
public sealed class LivePostureAssessorTests
{
    private const string Key1 = "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";
    private const string Key2 = "wuMtYPtvnNN/O9hJcYIISWFPTEg3oybw+LpsbvF21ek=";

    private static readonly LivePostureOptions Options = new() { Today = new DateOnly(2026, 11, 22), RetireDkimAfterDays = 7 };

    /// <summary>A domain with nothing to report but its missing MTA-STS (info).</summary>
    private static InMemoryPostureResolver Healthy(string d = "a.example") => new InMemoryPostureResolver()
        .AddMx(d, 10, $"mx1.{d}")
        .AddA($"mx1.{d}", "192.0.2.1")
        .AddTxt(d, "v=spf1 ip4:192.0.2.1 -all")
        .AddTxt($"_dmarc.{d}", $"v=DMARC1; p=reject; rua=mailto:dmarc@{d}")
        .AddTxt($"s1._domainkey.{d}", $"v=DKIM1; k=ed25519; p={Key1}")
        .AddTxt($"_smtp._tls.{d}", $"v=TLSRPTv1; rua=mailto:tls@{d}");

    private static string Manifest(string mail) => $"""
        domain: a.example
        mail:
          provider: none
        {mail}
        """;

    private static DomainManifest Load(string yaml)
    {
        var loaded = ManifestPostureFixture.Load(yaml.Replace("domain: a.example", "domain: d.example", StringComparison.Ordinal));
        return loaded.Manifest! with { Domain = "a.example" };
    }

    private static async Task<DomainPosture> Assess(IPostureResolver resolver, DomainManifest? manifest = null)
    {
        using var fetcher = new MtaStsPolicyFetcher(resolver);
        return await new LivePostureAssessor(resolver, fetcher, Options).AssessAsync("a.example", manifest, CancellationToken.None);
    }

    private static IEnumerable<string> Codes(DomainPosture p) => p.Findings.Select(f => f.Code);

    [Fact]
    public async Task A_healthy_domain_only_lacks_mta_sts_and_grades_A()
    {
        var posture = await Assess(Healthy());
        Codes(posture).Should().Equal("MTASTS017");
        posture.Findings[0].Severity.Should().Be(FindingSeverity.Info);
        posture.Grade.Should().Be(PostureGrade.A);
        posture.NotApplicable.Should().BeEmpty();
    }

    [Fact]
    public async Task An_mx_host_that_is_a_cname_is_an_error()
    {
        var r = Healthy().AddMx("a.example", 20, "mx2.a.example").AddCname("mx2.a.example", "mx1.a.example");
        var posture = await Assess(r);
        var f = posture.Findings.Should().ContainSingle(x => x.Code == "MX002").Subject;
        f.Message.Should().Contain("mx2.a.example").And.Contain("CNAME for mx1.a.example");
        f.Rfc.Should().Contain("RFC 2181 §10.3");
        posture.Worst(PostureArea.Mx).Should().Be(FindingSeverity.Error);
        posture.Grade.Should().Be(PostureGrade.D);
    }

    [Fact]
    public async Task Mx_hosts_must_be_names_with_addresses()
    {
        var r = Healthy().AddMx("a.example", 20, "192.0.2.7").AddMx("a.example", 30, "nowhere.a.example").AddName("nowhere.a.example");
        Codes(await Assess(r)).Should().BeEquivalentTo("MX001", "MX003", "MTASTS017");
    }

    [Fact]
    public async Task A_null_mx_must_stand_alone()
    {
        var r = Healthy().AddMx("a.example", 5, ".");
        Codes(await Assess(r)).Should().BeEquivalentTo("MX004", "MX005", "MTASTS017");
    }

    [Fact]
    public async Task A_domain_without_mail_is_null_mx_spf_fail_all_and_reject_and_nothing_else_applies()
    {
        var r = new InMemoryPostureResolver()
            .AddMx("a.example", 0, ".")
            .AddTxt("a.example", "v=spf1 -all")
            .AddTxt("_dmarc.a.example", "v=DMARC1; p=reject; rua=mailto:dmarc@a.example");
        var posture = await Assess(r);
        posture.Findings.Should().BeEmpty();
        posture.NotApplicable.Should().BeEquivalentTo([PostureArea.Dkim, PostureArea.MtaSts, PostureArea.TlsRpt]);
        PostureCells.Label(posture, PostureArea.Dkim).Should().Be("n/a");
    }

    [Fact]
    public async Task Rfc_7505_section_3_example_accepts_no_mail()
    {
        // RFC 7505 §3: "nospam.example.com. 3600 IN MX 0 ."
        var r = new InMemoryPostureResolver()
            .AddMx("nospam.example.com", 0, ".")
            .AddTxt("nospam.example.com", "v=spf1 -all")
            .AddTxt("_dmarc.nospam.example.com", "v=DMARC1; p=reject; rua=mailto:dmarc@nospam.example.com");
        using var fetcher = new MtaStsPolicyFetcher(r);
        var posture = await new LivePostureAssessor(r, fetcher, Options).AssessAsync("nospam.example.com", null, CancellationToken.None);
        posture.Findings.Should().BeEmpty();
        posture.Grade.Should().Be(PostureGrade.A);
        r.Queries.Should().NotContain(q => q.Contains("_domainkey", StringComparison.Ordinal) || q.Contains("_mta-sts", StringComparison.Ordinal),
            "nothing about receiving or signing mail is asked of a domain that has none");
    }

    [Fact]
    public async Task A_domain_without_mail_that_authorizes_senders_or_does_not_reject_is_flagged()
    {
        var r = new InMemoryPostureResolver()
            .AddMx("a.example", 0, ".")
            .AddTxt("a.example", "v=spf1 ip4:192.0.2.0/24 ~all")
            .AddTxt("_dmarc.a.example", "v=DMARC1; p=quarantine; rua=mailto:dmarc@a.example");
        Codes(await Assess(r)).Should().BeEquivalentTo("SPF028", "DMARC024");
    }

    [Fact]
    public async Task Dkim_selectors_are_compared_with_the_manifest()
    {
        var manifest = Load(Manifest($$"""
              dkim:
                - { selector: s1, type: ed25519, publicKey: "{{Key2}}" }
                - { selector: s2, type: ed25519, publicKey: "{{Key2}}" }
                - { selector: old, type: ed25519, publicKey: "{{Key1}}", state: retiring, retiringSince: 2026-01-01 }
              dmarc: { p: reject, alignmentVerified: 2026-06-01, rua: ["mailto:dmarc@a.example"] }
            """));
        var r = Healthy().AddTxt("selector1._domainkey.a.example", $"v=DKIM1; k=ed25519; p={Key1}");
        var posture = await Assess(r, manifest);
        Codes(posture).Should().BeEquivalentTo("DKIM020", "DKIM001", "DKIM019", "MTASTS017");
        posture.Findings.Single(f => f.Code == "DKIM001").Message.Should().Contain("selector 's2' of the manifest is not published");
        posture.Findings.Single(f => f.Code == "DKIM019").Message.Should().Contain("selector1._domainkey.a.example");
        posture.Findings.Single(f => f.Code == "DKIM020").Message.Should().Contain("s1._domainkey.a.example");
    }

    [Fact]
    public async Task Enforcing_dmarc_without_verified_alignment_in_the_manifest_is_an_error()
    {
        var key = $$"""
              dkim: [{ selector: s1, type: ed25519, publicKey: "{{Key1}}" }]
            """;
        var unverified = Load(Manifest(key + "\n  dmarc: { p: none, rua: [\"mailto:dmarc@a.example\"] }"));
        var f = (await Assess(Healthy(), unverified)).Findings.Should().ContainSingle(x => x.Code == "DMARC025").Subject;
        f.Severity.Should().Be(FindingSeverity.Error);
        f.Message.Should().Contain("publishes p=reject").And.Contain("no alignmentVerified");

        var verified = Load(Manifest(key + "\n  dmarc: { p: none, alignmentVerified: 2026-06-01, rua: [\"mailto:dmarc@a.example\"] }"));
        Codes(await Assess(Healthy(), verified)).Should().Equal("MTASTS017");
    }

    [Fact]
    public async Task Mta_sts_the_manifest_asks_for_but_dns_lacks_is_an_error()
    {
        var manifest = Load(Manifest($$"""
              dkim: [{ selector: s1, type: ed25519, publicKey: "{{Key1}}" }]
              mtaSts: { mode: enforce, id: "1" }
              dmarc: { p: reject, alignmentVerified: 2026-06-01, rua: ["mailto:dmarc@a.example"] }
            """));
        var posture = await Assess(Healthy(), manifest);
        Codes(posture).Should().Equal("MTASTS001");
        posture.Findings[0].Severity.Should().Be(FindingSeverity.Error);
    }

    [Fact]
    public async Task A_domain_without_mx_is_warned_and_mta_sts_does_not_apply()
    {
        var r = new InMemoryPostureResolver()
            .AddTxt("a.example", "v=spf1 ip4:192.0.2.1 -all")
            .AddTxt("_dmarc.a.example", "v=DMARC1; p=reject; rua=mailto:dmarc@a.example");
        var posture = await Assess(r);
        Codes(posture).Should().Equal("MX006");
        posture.NotApplicable.Should().BeEquivalentTo([PostureArea.MtaSts, PostureArea.TlsRpt]);
    }

    [Fact]
    public async Task A_failing_mx_lookup_is_a_warning_not_a_verdict()
    {
        var r = new InMemoryPostureResolver().AddTimeout("a.example");
        var posture = await Assess(r);
        posture.Findings.Should().Contain(f => f.Code == "MX007" && f.Severity == FindingSeverity.Warning);
    }
}

using System.Security.Cryptography;
using Reconciler.Posture;
using Reconciler.Posture.Manifest;
using static Reconciler.Tests.Posture.ManifestPostureFixture;

namespace Reconciler.Tests.Posture;

/// <summary>The posture rules on manifests: each finding at the entry that produces the record, same codes as live.</summary>
public sealed class ManifestPostureTests
{
    private static string Rsa(int bits)
    {
        using var rsa = RSA.Create(bits);
        return Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo());
    }

    private const string Ed25519Key = "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";

    [Fact]
    public void Spf_in_dns_records_is_checked_at_its_line()
    {
        var loaded = Load("""
            domain: d.example
            dns:
              records:
                - { name: "@", type: A, value: 192.0.2.1 }
                - { name: "@", type: TXT, value: "v=spf1 ip4:192.0.2.1 include:_spf.host.example -all mx" }
                - { name: news, type: TXT, value: "v=spf1 a:mail.d.example ip5:1.2.3.4 -all" }
            """);
        loaded.Codes.Should().BeEquivalentTo("SPF009 5:7", "SPF001 6:7");
        var spf009 = loaded.Diagnostics.Single(d => d.Code == "SPF009");
        spf009.IsError.Should().BeTrue();
        spf009.Message.Should().Contain("'mx' after '-all' is never evaluated").And.EndWith("(RFC 7208 §5.1)");
        spf009.Hint.Should().Be(PostureCatalogue.SpfAllNotLast.Fix);
        spf009.Position.File.Should().EndWith("d.example.yaml");
    }

    [Fact]
    public void Spf_lookup_count_counts_terms_written_in_dns_records()
    {
        var includes = string.Join(' ', Enumerable.Range(1, 11).Select(i => $"include:s{i}.host.example"));
        var loaded = Load($$"""
            domain: d.example
            dns:
              records:
                - { name: "@", type: TXT, value: "v=spf1 {{includes}} -all" }
            """);
        loaded.Diagnostics.Should().ContainSingle(d => d.Code == "SPF003").Which.Message.Should().Contain("11 terms that query DNS");
    }

    [Fact]
    public void The_structured_spf_keeps_its_schema_rules_and_is_not_reported_twice()
    {
        var includes = string.Join(", ", Enumerable.Range(1, 11).Select(i => $"s{i}.host.example"));
        var loaded = Load($$"""
            domain: d.example
            mail:
              spf: { include: [{{includes}}], all: pass }
            """);
        loaded.Diagnostics.Select(d => d.Code).Should().BeEquivalentTo("MAIL010", "MAIL022");
    }

    [Fact]
    public void Two_spf_records_at_one_name_are_an_error()
    {
        var loaded = Load("""
            domain: d.example
            dns:
              records:
                - { name: "@", type: TXT, values: ["v=spf1 -all", "v=spf1 mx -all"] }
            """);
        loaded.Codes.Should().BeEquivalentTo("SPF002 4:7");
    }

    [Fact]
    public void Dkim_keys_are_judged_by_size_and_encoding()
    {
        var loaded = Load($$"""
            domain: d.example
            mail:
              dkim:
                - { selector: short, publicKey: "{{Rsa(768)}}" }
                - { selector: weak, publicKey: "{{Rsa(1024)}}" }
                - { selector: good, publicKey: "{{Rsa(2048)}}" }
                - { selector: edgood, type: ed25519, publicKey: "{{Ed25519Key}}" }
                - { selector: edspki, type: ed25519, publicKey: "MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=" }
                - { selector: garbled, publicKey: "MIIBIjANBgkq" }
                - { selector: broken, publicKey: "abc" }
            """);
        loaded.Codes.Should().BeEquivalentTo("DKIM007 4:7", "DKIM008 5:7", "DKIM009 8:7", "DKIM006 9:7", "DKIM005 10:7");
        loaded.Diagnostics.Single(d => d.Code == "DKIM008").IsError.Should().BeFalse();
        loaded.Diagnostics.Single(d => d.Code == "DKIM007").Message.Should().Contain("short._domainkey.d.example").And.Contain("768 bits");
        loaded.Diagnostics.Single(d => d.Code == "DKIM009").Message.Should().Contain("SubjectPublicKeyInfo");
    }

    [Fact]
    public void Dkim_records_written_by_hand_are_checked_too()
    {
        var loaded = Load("""
            domain: d.example
            dns:
              records:
                - { name: sel._domainkey, type: TXT, value: "v=DKIM1; k=rsa; h=sha1; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDwIRP/UC3SBsEmGqZ9ZJW3/DkMoGeLnQg1fWn7/zYtIxN2SnFCjxOCKG9v3b4jYfcTNh5ijSsq631uBItLa7od+v/RtdC2UzJ1lWT947qR+Rcac2gbto/NMqJ0fzfVjH4OuKhitdY9tf6mcwGjaNBcWToIMmPSPDdQPNUYckcQ2QIDAQAB" }
            """);
        loaded.Diagnostics.Select(d => d.Code).Should().BeEquivalentTo("DKIM008", "DKIM012");
    }

    [Fact]
    public void Dmarc_at_none_is_right_until_alignment_is_verified_then_it_is_flagged()
    {
        const string Monitoring = """
            domain: d.example
            mail:
              dmarc: { p: none, rua: ["mailto:dmarc@d.example"] }
            """;
        Load(Monitoring).Diagnostics.Should().BeEmpty();

        var verified = Load(Monitoring.Replace("p: none,", "p: none, alignmentVerified: 2026-10-01,", StringComparison.Ordinal));
        var d = verified.Diagnostics.Should().ContainSingle().Subject;
        d.Code.Should().Be("DMARC015");
        d.IsError.Should().BeFalse();
        d.Message.Should().Contain("verified on 2026-10-01").And.EndWith("(RFC 7489 §6.3)");
    }

    [Fact]
    public void Dmarc_tightening_keeps_the_schema_rules_with_no_duplicate_pct_finding()
    {
        var loaded = Load("""
            domain: d.example
            mail:
              dmarc: { p: quarantine, pct: 25, rua: ["mailto:dmarc@d.example"] }
            """);
        loaded.Diagnostics.Select(d => d.Code).Should().BeEquivalentTo("MAIL011", "MAIL012");
    }

    [Fact]
    public void Dmarc_written_by_hand_is_parsed_as_receivers_do()
    {
        var loaded = Load("""
            domain: d.example
            dns:
              records:
                - { name: _dmarc, type: TXT, value: "v=DMARC1; p=bogus; rua=mailto:dmarc@d.example; adkim=x" }
                - { name: _dmarc.shop, type: TXT, value: "v=DMARC1; p=reject; rua=dmarc@d.example" }
            """);
        loaded.Codes.Should().BeEquivalentTo("DMARC005 4:7", "DMARC008 4:7", "DMARC012 5:7");
    }

    [Fact]
    public void Mx_targets_are_host_names_with_addresses_and_not_aliases()
    {
        var loaded = Load("""
            domain: d.example
            mail:
              mx:
                - { host: mail }
                - { host: relay, preference: 20 }
                - { host: gone, preference: 30 }
                - { host: 192.0.2.25, preference: 40 }
                - { host: mx.elsewhere.example, preference: 50 }
            dns:
              records:
                - { name: mail, type: A, value: 192.0.2.10 }
                - { name: relay, type: CNAME, value: mail.d.example. }
            """);
        loaded.Codes.Should().BeEquivalentTo("MX002 5:7", "MX003 6:7", "MX001 7:7");
        loaded.Diagnostics.Single(d => d.Code == "MX002").Message.Should().Contain("relay.d.example");
    }

    [Fact]
    public void A_null_mx_stands_alone_with_preference_0()
    {
        var loaded = Load("""
            domain: d.example
            dns:
              records:
                - { name: "@", type: MX, values: ["10 .", "20 mx.host.example."] }
            """);
        loaded.Codes.Should().BeEquivalentTo("MX004 4:7", "MX005 4:7");
    }

    [Fact]
    public void A_domain_with_a_null_mx_must_not_authorize_senders_and_should_reject()
    {
        var loaded = Load("""
            domain: d.example
            dns:
              records:
                - { name: "@", type: MX, value: "0 ." }
                - { name: "@", type: TXT, value: "v=spf1 mx ~all" }
                - { name: _dmarc, type: TXT, value: "v=DMARC1; p=quarantine; rua=mailto:dmarc@d.example" }
            """);
        loaded.Codes.Should().BeEquivalentTo("SPF028 5:7", "DMARC024 6:7");
    }

    [Fact]
    public void A_parked_domain_is_clean_and_complete()
    {
        var loaded = Load("""
            domain: d.example
            mail: { parked: true }
            """);
        loaded.Diagnostics.Should().BeEmpty();
        ManifestPostureCheck.CheckRecords(loaded.Manifest!).Should().BeEmpty();
        ManifestPostureCheck.CheckCompleteness(loaded.Manifest!).Should().BeEmpty();
    }

    [Fact]
    public void Mta_sts_and_tls_rpt_records_are_checked()
    {
        var loaded = Load("""
            domain: d.example
            mail:
              mx: [{ host: mx1.host.example }]
              mtaSts: { mode: testing, id: "20260101", maxAge: 3600 }
            dns:
              records:
                - { name: _smtp._tls, type: TXT, value: "v=TLSRPTv1; rua=ftp://reports.example/" }
            """);
        loaded.Codes.Should().BeEquivalentTo("MTASTS014 4:11", "TLSRPT005 7:7");
        ManifestPostureCheck.CheckRecords(loaded.Manifest!).Select(f => f.Finding.Code)
            .Should().BeEquivalentTo("MTASTS012", "MTASTS014", "TLSRPT005");
    }

    [Fact]
    public void Record_values_that_do_not_parse_are_DNS004_at_their_entry()
    {
        var loaded = Load("""
            domain: d.example
            dns:
              records:
                - { name: www, type: A, value: 192.0.2.300 }
                - { name: "@", type: MX, value: "ten mx.host.example." }
            """);
        loaded.Codes.Should().BeEquivalentTo("DNS004 4:7", "DNS004 5:7");
    }

    [Fact]
    public void Completeness_is_reported_only_by_posture()
    {
        var loaded = Load("""
            domain: d.example
            dns:
              records:
                - { name: "@", type: A, value: 192.0.2.1 }
            """);
        loaded.Diagnostics.Should().BeEmpty();
        ManifestPostureCheck.CheckCompleteness(loaded.Manifest!).Select(f => f.Finding.Code)
            .Should().BeEquivalentTo("SPF020", "DMARC001", "DKIM021", "MX006");
    }

    [Fact]
    public void A_domain_receiving_mail_is_asked_for_mta_sts_and_tls_rpt()
    {
        var loaded = Load($$"""
            domain: d.example
            mail:
              mx: [{ host: mx1.host.example }]
              spf: { mx: true, all: fail }
              dkim: [{ selector: s1, type: ed25519, publicKey: "{{Ed25519Key}}" }]
              dmarc: { p: none, rua: ["mailto:dmarc@d.example"] }
            """);
        var findings = ManifestPostureCheck.CheckCompleteness(loaded.Manifest!);
        findings.Select(f => (f.Finding.Code, f.Finding.Severity)).Should().BeEquivalentTo(
            [("MTASTS017", FindingSeverity.Info), ("TLSRPT001", FindingSeverity.Warning)]);
        findings.Should().OnlyContain(f => f.Position.Line == 3);
    }
}

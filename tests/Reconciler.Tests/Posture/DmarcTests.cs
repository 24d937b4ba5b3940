using Reconciler.Posture;
using Reconciler.Posture.Dmarc;

namespace Reconciler.Tests.Posture;

public sealed class DmarcTests
{
    // RFC 7489 Appendix B.2.1 to B.2.4 and B.3.1.
    private const string B21 = "v=DMARC1; p=none; rua=mailto:dmarc-feedback@example.com";
    private const string B22 = "v=DMARC1; p=none; rua=mailto:dmarc-feedback@example.com; ruf=mailto:auth-reports@example.com";
    private const string B23 = "v=DMARC1; p=none; rua=mailto:dmarc-feedback@example.com; ruf=mailto:auth-reports@thirdparty.example.net";
    private const string B24 = "v=DMARC1; p=quarantine; rua=mailto:dmarc-feedback@example.com,mailto:tld-test@thirdparty.example.net!10m; pct=25";
    private const string B31 = "v=DMARC1; p=reject; aspf=r; rua=mailto:dmarc-feedback@example.com";

    [Fact]
    public void Rfc_7489_B_2_1_monitoring_record()
    {
        var result = DmarcRecordCheck.Check(B21, "example.com");
        var record = result.Record!;
        record.Policy.Should().Be(DmarcPolicy.None);
        record.EffectiveSubdomainPolicy.Should().Be(DmarcPolicy.None);
        record.Percent.Should().Be(100);
        record.DkimAlignment.Should().Be(DmarcAlignmentMode.Relaxed);
        record.SpfAlignment.Should().Be(DmarcAlignmentMode.Relaxed);
        record.FailureOptions.Should().Be("0");
        record.ReportFormat.Should().Be("afrf");
        record.ReportIntervalSeconds.Should().Be(86400u);
        record.AggregateReports.Should().ContainSingle().Which.Address.Should().Be("dmarc-feedback@example.com");
        result.Findings.Select(f => f.Code).Should().Equal("DMARC015");
        result.HasErrors.Should().BeFalse();
    }

    [Fact]
    public void Rfc_7489_B_2_2_failure_reports()
    {
        var record = DmarcRecordCheck.Check(B22).Record!;
        record.FailureReports.Should().ContainSingle().Which.Domain.Should().Be("example.com");
    }

    [Fact]
    public void Rfc_7489_B_2_4_sampling_and_size_limit()
    {
        var result = DmarcRecordCheck.Check(B24, "example.com");
        var record = result.Record!;
        record.Policy.Should().Be(DmarcPolicy.Quarantine);
        record.Percent.Should().Be(25);
        record.AggregateReports.Should().HaveCount(2);
        record.AggregateReports[1].Uri.Should().Be("mailto:tld-test@thirdparty.example.net");
        record.AggregateReports[1].MaxSizeBytes.Should().Be(10L * 1024 * 1024);
        result.Findings.Select(f => f.Code).Should().Equal("DMARC016");
    }

    [Fact]
    public void Rfc_7489_B_3_1_reject_record_has_no_findings() =>
        DmarcRecordCheck.Check(B31).Findings.Should().BeEmpty();

    [Fact]
    public void Tag_names_are_case_insensitive_and_spaces_around_equals_are_allowed()
    {
        var result = DmarcRecordCheck.Check("V = DMARC1 ; P = Reject; RUA = mailto:d@example.com");
        result.Record!.Policy.Should().Be(DmarcPolicy.Reject);
        result.Findings.Should().BeEmpty();
        DmarcRecord.IsDmarcRecord("V = DMARC1 ; P = Reject").Should().BeTrue();
        DmarcRecord.IsDmarcRecord("v=dmarc1; p=reject").Should().BeFalse("the version value must match precisely");
        DmarcRecord.IsDmarcRecord("v=spf1 -all").Should().BeFalse();
    }

    [Fact]
    public void Version_must_come_first()
    {
        var result = DmarcRecordCheck.Check("p=reject; v=DMARC1");
        result.Record.Should().BeNull();
        result.IgnoredByReceivers.Should().BeTrue();
        result.Findings.Single().Code.Should().Be("DMARC003");
    }

    [Fact]
    public void Missing_p_falls_back_to_none_when_rua_is_valid()
    {
        var result = DmarcRecordCheck.Check("v=DMARC1; rua=mailto:d@example.com");
        result.Record!.Policy.Should().BeNull();
        result.Record.EffectivePolicy.Should().Be(DmarcPolicy.None);
        result.IgnoredByReceivers.Should().BeFalse();
        result.Findings.Should().Contain(f => f.Code == "DMARC005" && f.Severity == FindingSeverity.Warning);
    }

    [Theory]
    [InlineData("v=DMARC1; pct=50")]
    [InlineData("v=DMARC1; p=block")]
    [InlineData("v=DMARC1; p=block; rua=dmarc@example.com")]
    public void Missing_or_bad_p_without_valid_rua_means_the_record_is_ignored(string text)
    {
        var result = DmarcRecordCheck.Check(text);
        result.IgnoredByReceivers.Should().BeTrue();
        result.Findings.Should().Contain(f => f.Code == "DMARC004" && f.Severity == FindingSeverity.Error);
    }

    [Theory]
    [InlineData("v=DMARC1; p=reject; sp=bogus; rua=mailto:d@example.com", "DMARC006")]
    [InlineData("v=DMARC1; p=reject; np=maybe; rua=mailto:d@example.com", "DMARC006")]
    [InlineData("v=DMARC1; p=reject; pct=150; rua=mailto:d@example.com", "DMARC007")]
    [InlineData("v=DMARC1; p=reject; pct=-1; rua=mailto:d@example.com", "DMARC007")]
    [InlineData("v=DMARC1; p=reject; adkim=x; rua=mailto:d@example.com", "DMARC008")]
    [InlineData("v=DMARC1; p=reject; aspf=relaxed; rua=mailto:d@example.com", "DMARC008")]
    [InlineData("v=DMARC1; p=reject; fo=2; ruf=mailto:d@example.com; rua=mailto:d@example.com", "DMARC009")]
    [InlineData("v=DMARC1; p=reject; rf=iodef; rua=mailto:d@example.com", "DMARC010")]
    [InlineData("v=DMARC1; p=reject; ri=-1; rua=mailto:d@example.com", "DMARC011")]
    [InlineData("v=DMARC1; p=reject; rua=dmarc@example.com", "DMARC012")]
    [InlineData("v=DMARC1; p=reject; rua=mailto:nobody", "DMARC012")]
    [InlineData("v=DMARC1; p=reject; rua=mailto:d@example.com!10x", "DMARC012")]
    [InlineData("v=DMARC1; p=reject; rua=mailto:d@example.com; foo=bar", "DMARC013")]
    [InlineData("v=DMARC1; p=reject; p=none; rua=mailto:d@example.com", "DMARC014")]
    [InlineData("v=DMARC1; p=reject; rua=https://reports.example.com/dmarc", "DMARC020")]
    [InlineData("v=DMARC1; p=reject; fo=1; rua=mailto:d@example.com", "DMARC021")]
    [InlineData("v=DMARC1; p=reject; sp=none; rua=mailto:d@example.com", "DMARC022")]
    [InlineData("v=DMARC1; p=reject", "DMARC017")]
    public void Reports_bad_values_and_weak_settings(string text, string code)
    {
        var result = DmarcRecordCheck.Check(text, "example.com");
        result.Findings.Should().Contain(f => f.Code == code, string.Join("\n", result.Findings));
        var rule = PostureCatalogue.Find(code)!;
        result.Findings.First(f => f.Code == code).Severity.Should().Be(rule.Severity);
    }

    [Fact]
    public void Authorization_name_is_built_as_rfc_7489_section_7_1_says() =>
        DmarcReportAuthorization.AuthorizationName("Example.COM.", "thirdparty.example.net")
            .Should().Be("example.com._report._dmarc.thirdparty.example.net");

    [Theory]
    [InlineData("example.com", "example.com", false)]
    [InlineData("example.com", "reports.example.com", false)]
    [InlineData("mail.example.com", "example.com", false)]
    [InlineData("example.com", "thirdparty.example.net", true)]
    [InlineData("a.example.com", "b.example.com", true)]
    public void Destinations_outside_the_domain_are_external(string policy, string destination, bool external) =>
        DmarcReportAuthorization.IsExternal(policy, destination).Should().Be(external);

    [Fact]
    public void An_organizational_domain_function_replaces_the_approximation()
    {
        static string Org(string d) => string.Join('.', d.Split('.').TakeLast(2));
        DmarcReportAuthorization.IsExternal("a.example.com", "b.example.com", Org).Should().BeFalse();
    }

    [Fact]
    public async Task Rfc_7489_B_2_3_third_party_destination_is_authorized()
    {
        var zone = new InMemoryPostureResolver()
            .AddTxt("_dmarc.example.com", B23)
            .AddTxt("example.com._report._dmarc.thirdparty.example.net", "v=DMARC1;");
        var inspection = await new PostureInspector(zone).InspectDmarcAsync("example.com", default);

        inspection.Destinations.Should().ContainSingle().Which.Should().Be(new DmarcReportDestination(
            inspection.Record!.FailureReports[0], "example.com._report._dmarc.thirdparty.example.net", true));
        inspection.Findings.Select(f => f.Code).Should().Equal("DMARC015");
        zone.Queries.Should().Contain("TXT example.com._report._dmarc.thirdparty.example.net");
    }

    [Fact]
    public async Task Unauthorized_third_party_destination_is_an_error()
    {
        var zone = new InMemoryPostureResolver()
            .AddTxt("_dmarc.example.com", B24)
            .AddTxt("example.com._report._dmarc.thirdparty.example.net", "v=spf1 -all");
        var inspection = await new PostureInspector(zone).InspectDmarcAsync("example.com", default);

        inspection.Destinations.Single().Authorized.Should().BeFalse();
        inspection.Findings.Should().ContainSingle(f => f.Code == "DMARC018").Which.Message.Should()
            .Contain("tld-test@thirdparty.example.net").And.Contain("has no record starting with v=DMARC1");
    }

    [Fact]
    public async Task Failed_authorization_lookup_is_reported_as_unknown()
    {
        var zone = new InMemoryPostureResolver()
            .AddTxt("_dmarc.example.com", B23)
            .AddTimeout("example.com._report._dmarc.thirdparty.example.net");
        var inspection = await new PostureInspector(zone).InspectDmarcAsync("example.com", default);
        inspection.Destinations.Single().Authorized.Should().BeNull();
        inspection.Findings.Should().Contain(f => f.Code == "DMARC019");
    }

    [Fact]
    public async Task Missing_multiple_and_unreachable_records()
    {
        var zone = new InMemoryPostureResolver()
            .AddTxt("_dmarc.none.example", "some verification token")
            .AddTxt("_dmarc.two.example", "v=DMARC1; p=none", "v=DMARC1; p=reject")
            .AddTimeout("_dmarc.slow.example");
        var inspector = new PostureInspector(zone);
        (await inspector.InspectDmarcAsync("none.example", default)).Findings.Single().Code.Should().Be("DMARC001");
        (await inspector.InspectDmarcAsync("absent.example", default)).Findings.Single().Code.Should().Be("DMARC001");
        (await inspector.InspectDmarcAsync("two.example", default)).Findings.Single().Code.Should().Be("DMARC002");
        (await inspector.InspectDmarcAsync("slow.example", default)).Findings.Single().Code.Should().Be("DMARC023");
    }
}

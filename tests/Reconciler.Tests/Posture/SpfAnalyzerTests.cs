using System.Net;
using Reconciler.Posture;
using Reconciler.Posture.Spf;

namespace Reconciler.Tests.Posture;

public sealed class SpfAnalyzerTests
{
    private static InMemoryPostureResolver VendorChain()
    {
        var zone = new InMemoryPostureResolver()
            .AddTxt("acme.example", "v=spf1 mx include:_spf.vendor.example -all", "google-site-verification=abc")
            .AddMx("acme.example", 10, "mx1.acme.example")
            .AddA("mx1.acme.example", "192.0.2.25")
            .AddTxt("_spf.vendor.example",
                "v=spf1 a:h1.vendor.example a:h2.vendor.example include:_spf2.vendor.example ~all")
            .AddTxt("_spf2.vendor.example",
                "v=spf1 a:h3.vendor.example a:h4.vendor.example a:h5.vendor.example a:h6.vendor.example " +
                "a:h7.vendor.example a:h8.vendor.example ~all");
        for (var i = 1; i <= 8; i++)
        {
            zone.AddA($"h{i}.vendor.example", $"198.51.100.{i}");
        }

        return zone;
    }

    [Fact]
    public async Task Reports_the_include_chain_that_breaks_the_10_lookup_limit()
    {
        var analysis = await new SpfAnalyzer(VendorChain()).AnalyzeAsync("acme.example", CancellationToken.None);

        analysis.DnsLookups.Should().Be(11);
        analysis.LimitBreak.Should().NotBeNull();
        analysis.LimitBreak!.Chain.Should().Equal("acme.example", "_spf.vendor.example", "_spf2.vendor.example");
        analysis.LimitBreak.ChainText.Should().Be("acme.example → _spf.vendor.example → _spf2.vendor.example");
        analysis.LimitBreak.Term.Should().Be("a:h8.vendor.example");
        var finding = analysis.Findings.Single(f => f.Code == "SPF003");
        finding.Severity.Should().Be(FindingSeverity.Error);
        finding.Message.Should().Contain("acme.example → _spf.vendor.example → _spf2.vendor.example")
            .And.Contain("'include:_spf.vendor.example' 10");
        finding.Rfc.Should().Be("RFC 7208 §4.6.4");

        analysis.Root.OwnLookups.Should().Be(2);
        analysis.Root.SubtreeLookups.Should().Be(11);
        var vendor = analysis.Root.Children.Single();
        vendor.Via.Should().Be("include:_spf.vendor.example");
        vendor.SubtreeLookups.Should().Be(9);
        vendor.Children.Single().SubtreeLookups.Should().Be(6);
    }

    [Fact]
    public async Task The_evaluator_agrees_that_the_chain_is_over_the_limit()
    {
        var zone = VendorChain();
        var nobody = IPAddress.Parse("203.0.113.99");
        var result = await new SpfEvaluator(zone).CheckHostAsync(
            nobody, "acme.example", "ceo@acme.example", "mail.acme.example", CancellationToken.None);
        result.Result.Should().Be(SpfResult.PermError);
        result.DnsLookups.Should().Be(11);
        result.Reason.Should().Contain("acme.example → _spf.vendor.example → _spf2.vendor.example");

        var listed = await new SpfEvaluator(zone).CheckHostAsync(
            IPAddress.Parse("198.51.100.2"), "acme.example", "ceo@acme.example", "mail.acme.example", CancellationToken.None);
        listed.Result.Should().Be(SpfResult.Pass, "h2 is matched at lookup 4, before the limit");
    }

    [Fact]
    public async Task At_the_limit_is_fine()
    {
        var zone = VendorChain().AddTxt("acme2.example", "v=spf1 include:_spf.vendor.example -all");
        var analysis = await new SpfAnalyzer(zone).AnalyzeAsync("acme2.example", CancellationToken.None);
        analysis.DnsLookups.Should().Be(10);
        analysis.LimitBreak.Should().BeNull();
        analysis.Findings.Should().NotContain(f => f.Code == "SPF003");
    }

    [Fact]
    public async Task Finds_duplicate_and_overlapping_ranges_across_includes()
    {
        var zone = new InMemoryPostureResolver()
            .AddTxt("acme.example", "v=spf1 ip4:192.0.2.0/24 ip4:192.0.2.10 include:relay.example ip6:2001:db8::/32 -all")
            .AddTxt("relay.example", "v=spf1 ip4:192.0.2.0/24 ip6:2001:db8:5::/48 ~all");
        var analysis = await new SpfAnalyzer(zone).AnalyzeAsync("acme.example", CancellationToken.None);

        analysis.Findings.Should().ContainSingle(f => f.Code == "SPF013")
            .Which.Message.Should().Contain("192.0.2.0/24 is listed 2 times").And.Contain("relay.example");
        analysis.Findings.Where(f => f.Code == "SPF014").Select(f => f.Message).Should().BeEquivalentTo(
            "'ip4:192.0.2.10' in acme.example is inside 'ip4:192.0.2.0/24' in acme.example",
            "'ip6:2001:db8:5::/48' in relay.example is inside 'ip6:2001:db8::/32' in acme.example");
    }

    [Fact]
    public async Task Counts_void_lookups()
    {
        var zone = new InMemoryPostureResolver()
            .AddTxt("acme.example", "v=spf1 a:gone1.acme.example mx:nomx.acme.example include:gone3.acme.example -all")
            .AddA("nomx.acme.example", "192.0.2.1");
        var analysis = await new SpfAnalyzer(zone).AnalyzeAsync("acme.example", CancellationToken.None);

        analysis.VoidLookups.Should().Be(3);
        analysis.Findings.Should().Contain(f => f.Code == "SPF004");
        analysis.Findings.Where(f => f.Code == "SPF024").Should().HaveCount(2);
        analysis.Findings.Should().Contain(f => f.Code == "SPF015" && f.Message.Contains("gone3.acme.example does not exist"));
    }

    [Theory]
    [InlineData("v=spf1 +all", "SPF005")]
    [InlineData("v=spf1 ip4:192.0.2.1 ?all", "SPF006")]
    [InlineData("v=spf1 ptr -all", "SPF007")]
    [InlineData("v=spf1 ip4:192.0.2.1", "SPF008")]
    [InlineData("v=spf1 -all ip4:192.0.2.1", "SPF009")]
    [InlineData("v=spf1 -all redirect=other.example", "SPF010")]
    [InlineData("v=spf1 ip4:192.0.2.7/24 -all", "SPF019")]
    [InlineData("v=spf1 ip4:10.0.0.0/7 -all", "SPF021")]
    [InlineData("v=spf1 exists:%{i}.list.example -all", "SPF023")]
    [InlineData("v=spf1 ip4:192.0.2.1 foo=bar -all", "SPF027")]
    [InlineData("v=spf1 include:acme.example -all", "SPF017")]
    [InlineData("v=spf1 redirect=nothing.example", "SPF022")]
    [InlineData("v=spf1 mx -all", "SPF018")]
    [InlineData("v=spf1 ip4:192.0.2.1 ip4:192.0.2.1 -all", "SPF013")]
    public async Task Reports_record_rules(string record, string code)
    {
        var zone = new InMemoryPostureResolver().AddTxt("acme.example", record).AddName("nothing.example");
        for (ushort i = 0; i < 11; i++)
        {
            zone.AddMx("acme.example", i, $"mx{i}.acme.example");
        }

        var analysis = await new SpfAnalyzer(zone).AnalyzeAsync("acme.example", CancellationToken.None);
        analysis.Findings.Should().Contain(f => f.Code == code, string.Join("\n", analysis.Findings));
        PostureCatalogue.Find(code).Should().NotBeNull();
    }

    [Fact]
    public async Task A_clean_record_has_no_findings()
    {
        var zone = new InMemoryPostureResolver()
            .AddTxt("acme.example", "v=spf1 a mx include:_spf.mailer.example -all")
            .AddA("acme.example", "192.0.2.1")
            .AddMx("acme.example", 10, "mail.acme.example")
            .AddA("mail.acme.example", "192.0.2.2")
            .AddTxt("_spf.mailer.example", "v=spf1 ip4:198.51.100.0/24 ip6:2001:db8:10::/48 ~all");
        var analysis = await new SpfAnalyzer(zone).AnalyzeAsync("acme.example", CancellationToken.None);
        analysis.Findings.Should().BeEmpty();
        analysis.DnsLookups.Should().Be(3);
        analysis.VoidLookups.Should().Be(0);
    }

    [Fact]
    public async Task Reports_missing_multiple_and_broken_records_and_failed_lookups()
    {
        var zone = new InMemoryPostureResolver()
            .AddTxt("none.example", "some other text")
            .AddTxt("two.example", "v=spf1 -all", "v=spf1 ~all")
            .AddTxt("bad.example", "v=spf1 ip4:300.1.1.1 -all")
            .AddTimeout("slow.example");
        var analyzer = new SpfAnalyzer(zone);
        (await analyzer.AnalyzeAsync("none.example", default)).Findings.Should().ContainSingle(f => f.Code == "SPF020");
        (await analyzer.AnalyzeAsync("two.example", default)).Findings.Should().ContainSingle(f => f.Code == "SPF002");
        var bad = await analyzer.AnalyzeAsync("bad.example", default);
        bad.Root.Status.Should().Be(SpfNodeStatus.SyntaxError);
        bad.Findings.Should().ContainSingle(f => f.Code == "SPF001").Which.Message.Should().Contain("300.1.1.1");
        (await analyzer.AnalyzeAsync("slow.example", default)).Root.Status.Should().Be(SpfNodeStatus.LookupFailed);
    }

    [Fact]
    public async Task Long_record_is_reported_with_its_string_count()
    {
        var ranges = string.Join(' ', Enumerable.Range(1, 40).Select(i => $"ip4:198.51.{i}.0/24"));
        var zone = new InMemoryPostureResolver().AddTxt("acme.example", $"v=spf1 {ranges} -all");
        var analysis = await new SpfAnalyzer(zone).AnalyzeAsync("acme.example", default);
        var length = $"v=spf1 {ranges} -all".Length;
        analysis.Findings.Should().Contain(f => f.Code == "SPF011" && f.Message.Contains($"{length} octets") &&
                                                f.Message.Contains($"{TxtStrings.Count(length)} strings"));
        analysis.Findings.Should().Contain(f => f.Code == "SPF012");
    }

    [Fact]
    public async Task A_manifest_record_can_be_analysed_before_it_is_published()
    {
        var zone = VendorChain();
        var analysis = await new SpfAnalyzer(zone).AnalyzeRecordAsync(
            "new.example", "v=spf1 include:_spf2.vendor.example -all", default);
        analysis.DnsLookups.Should().Be(7);
        analysis.Root.Record.Should().Be("v=spf1 include:_spf2.vendor.example -all");
    }
}

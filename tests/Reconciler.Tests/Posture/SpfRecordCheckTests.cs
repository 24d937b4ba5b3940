using Reconciler.Posture;
using Reconciler.Posture.Spf;

namespace Reconciler.Tests.Posture;

public sealed class SpfRecordCheckTests
{
    [Fact]
    public void A_good_record_counts_its_dns_terms()
    {
        var result = SpfRecordCheck.Check("v=spf1 mx ip4:192.0.2.0/24 include:_spf.mailer.example a:smtp.acme.example ~all");
        result.Record.Should().NotBeNull();
        result.DnsTermCount.Should().Be(3);
        result.HasSingleTrailingAll.Should().BeTrue();
        result.Findings.Should().BeEmpty();
    }

    [Fact]
    public void Counts_include_a_mx_ptr_exists_and_redirect()
    {
        var result = SpfRecordCheck.Check("v=spf1 include:a.example a mx ptr exists:%{i}.x.example ip4:192.0.2.1 redirect=b.example");
        result.DnsTermCount.Should().Be(6);
        result.HasSingleTrailingAll.Should().BeFalse();
    }

    [Fact]
    public void More_than_ten_dns_terms_is_an_error()
    {
        var includes = string.Join(' ', Enumerable.Range(1, 11).Select(i => $"include:s{i}.example"));
        var result = SpfRecordCheck.Check($"v=spf1 {includes} -all");
        result.DnsTermCount.Should().Be(11);
        result.HasErrors.Should().BeTrue();
        result.Findings.Should().ContainSingle(f => f.Code == "SPF003").Which.Message.Should().Contain("11 terms");
    }

    [Theory]
    [InlineData("v=spf1 -all ip4:192.0.2.1", "SPF009")]
    [InlineData("v=spf1 ~all -all", "SPF009")]
    [InlineData("v=spf1 ip4:192.0.2.1", "SPF008")]
    [InlineData("v=spf1 ip4:192.0.2.1 +all", "SPF005")]
    [InlineData("v=spf1 ip4:192.0.2.1 allx", "SPF001")]
    [InlineData("v=spf1 a:192.0.2.1 -all", "SPF001")]
    public void Reports_all_problems_and_syntax_errors(string text, string code)
    {
        var result = SpfRecordCheck.Check(text, "acme.example");
        result.Findings.Should().Contain(f => f.Code == code);
        result.Findings.First().Severity.Should().Be(result.Findings.Max(f => f.Severity), "errors come first");
    }

    [Theory]
    [InlineData("v=spf1 -all ip4:192.0.2.1", false)]
    [InlineData("v=spf1 ~all -all", false)]
    [InlineData("v=spf1 ip4:192.0.2.1", false)]
    [InlineData("v=spf1 ip4:192.0.2.1 -all exp=why.acme.example", true)]
    [InlineData("v=spf1 ip4:192.0.2.1 +all", true)]
    public void Knows_whether_there_is_exactly_one_all_and_it_is_last(string text, bool expected) =>
        SpfRecordCheck.Check(text).HasSingleTrailingAll.Should().Be(expected);

    [Fact]
    public void Syntax_error_message_names_the_domain_and_the_term()
    {
        var result = SpfRecordCheck.Check("v=spf1 ip4:192.0.2.1/33 -all", "acme.example");
        result.Record.Should().BeNull();
        var finding = result.Findings.Single();
        finding.Code.Should().Be("SPF001");
        finding.Severity.Should().Be(FindingSeverity.Error);
        finding.Message.Should().Contain("acme.example").And.Contain("ip4:192.0.2.1/33");
    }
}

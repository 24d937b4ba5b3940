using System.Net;
using Reconciler.Posture.Spf;

namespace Reconciler.Tests.Posture;

public sealed class SpfRecordParsingTests
{
    [Fact]
    public void Parses_every_mechanism_with_qualifiers_and_cidr_lengths()
    {
        var parsed = SpfRecord.Parse(
            "v=spf1 +a -a:mail.example.com/24 ~mx//64 ?mx:mx.example.com/28//96 ptr ptr:example.org " +
            "ip4:192.0.2.0/24 ip6:2001:db8::/32 exists:%{ir}.bl.example.com include:_spf.example.net " +
            "redirect=_spf.example.com exp=explain.%{d} x-custom=%{l} -all");

        parsed.Error.Should().BeNull();
        var record = parsed.Record!;
        var m = record.Mechanisms;
        m.Select(x => x.Kind).Should().Equal(
            SpfMechanismKind.A, SpfMechanismKind.A, SpfMechanismKind.Mx, SpfMechanismKind.Mx, SpfMechanismKind.Ptr,
            SpfMechanismKind.Ptr, SpfMechanismKind.Ip4, SpfMechanismKind.Ip6, SpfMechanismKind.Exists,
            SpfMechanismKind.Include, SpfMechanismKind.All);
        m[0].Qualifier.Should().Be(SpfQualifier.Pass);
        m[0].DomainSpec.Should().BeNull();
        m[1].Qualifier.Should().Be(SpfQualifier.Fail);
        m[1].DomainSpec.Should().Be("mail.example.com");
        m[1].Ip4PrefixLength.Should().Be(24);
        m[1].Ip6PrefixLength.Should().Be(128);
        m[2].Qualifier.Should().Be(SpfQualifier.SoftFail);
        m[2].Ip4PrefixLength.Should().Be(32);
        m[2].Ip6PrefixLength.Should().Be(64);
        m[3].Qualifier.Should().Be(SpfQualifier.Neutral);
        (m[3].Ip4PrefixLength, m[3].Ip6PrefixLength).Should().Be((28, 96));
        m[5].DomainSpec.Should().Be("example.org");
        m[6].Network.Should().Be(new IpNetwork(IPAddress.Parse("192.0.2.0"), 24));
        m[7].Network.Should().Be(new IpNetwork(IPAddress.Parse("2001:db8::"), 32));
        m[8].UsesMacros.Should().BeTrue();
        record.Redirect!.Value.Should().Be("_spf.example.com");
        record.Explanation!.UsesMacros.Should().BeTrue();
        record.UnknownModifiers.Select(u => u.Name).Should().Equal("x-custom");
        record.DnsTermCount.Should().Be(9, "a, a, mx, mx, ptr, ptr, exists, include and redirect each cost a lookup");
    }

    [Theory]
    [InlineData("v=spf1 a:111.222.33.44", "ip4:111.222.33.44")]
    [InlineData("v=spf1 ip4:1.2.3", "not a valid IPv4")]
    [InlineData("v=spf1 ip4:01.2.3.4", "not a valid IPv4")]
    [InlineData("v=spf1 ip4:192.0.2.0/33", "not a valid CIDR length")]
    [InlineData("v=spf1 a/24/64", "is not a valid CIDR length")]
    [InlineData("v=spf1 a:/24", "the domain is empty")]
    [InlineData("v=spf1 include:", "the domain is empty")]
    [InlineData("v=spf1 redirect:example.com", "is a modifier")]
    [InlineData("v=spf1 exp=a.example.com exp=b.example.com", "more than once")]
    [InlineData("v=spf1 exists:%{x}.example.com", "unknown macro letter 'x'")]
    [InlineData("v=spf1 exists:%{c}.example.com", "only allowed in explanation text")]
    [InlineData("v=spf1 a:foo%.example.com", "'%' must be followed")]
    [InlineData("v=spf1 -all.", "not a known mechanism")]
    [InlineData("v=spf1 ip4:192.0.2.1\t-all", "control character U+0009")]
    [InlineData("v=spf1 a:bücher.example -all", "non-ASCII")]
    [InlineData("v=spf1 exists:%{d0}.example.com", "must not be zero")]
    [InlineData("spf1 -all", "does not start with \"v=spf1\"")]
    public void Syntax_errors_name_the_problem(string text, string expectedFragment)
    {
        var parsed = SpfRecord.Parse(text);
        parsed.Success.Should().BeFalse();
        parsed.Error.Should().Contain(expectedFragment);
    }

    [Theory]
    [InlineData("v=spf1", true)]
    [InlineData("V=SPF1 -all", true)]
    [InlineData("v=spf10", false)]
    [InlineData("v=spf1-all", false)]
    [InlineData("spf2.0/pra -all", false)]
    public void Recognises_spf_records_as_rfc_7208_section_4_5_says(string txt, bool expected) =>
        SpfRecord.IsSpfRecord(txt).Should().Be(expected);
}

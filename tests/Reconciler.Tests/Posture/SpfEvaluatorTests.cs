using System.Net;
using Reconciler.Posture.Spf;

namespace Reconciler.Tests.Posture;

public sealed class SpfEvaluatorTests
{
    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>RFC 7208 §7.4: sender strong-bad@email.example.com, IPv4 192.0.2.3, IPv6 2001:db8::cb01.</summary>
    [Theory]
    [InlineData("%{s}", "strong-bad@email.example.com")]
    [InlineData("%{o}", "email.example.com")]
    [InlineData("%{d}", "email.example.com")]
    [InlineData("%{d4}", "email.example.com")]
    [InlineData("%{d3}", "email.example.com")]
    [InlineData("%{d2}", "example.com")]
    [InlineData("%{d1}", "com")]
    [InlineData("%{dr}", "com.example.email")]
    [InlineData("%{d2r}", "example.email")]
    [InlineData("%{l}", "strong-bad")]
    [InlineData("%{l-}", "strong.bad")]
    [InlineData("%{lr}", "strong-bad")]
    [InlineData("%{lr-}", "bad.strong")]
    [InlineData("%{l1r-}", "strong")]
    [InlineData("%{ir}.%{v}._spf.%{d2}", "3.2.0.192.in-addr._spf.example.com")]
    [InlineData("%{lr-}.lp._spf.%{d2}", "bad.strong.lp._spf.example.com")]
    [InlineData("%{lr-}.lp.%{ir}.%{v}._spf.%{d2}", "bad.strong.lp.3.2.0.192.in-addr._spf.example.com")]
    [InlineData("%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}", "3.2.0.192.in-addr.strong.lp._spf.example.com")]
    [InlineData("%{d2}.trusted-domains.example.net", "example.com.trusted-domains.example.net")]
    public async Task Rfc_7208_section_7_4_ipv4_examples(string macro, string expected) =>
        (await Expand(macro, "192.0.2.3")).Should().Be(expected);

    [Fact]
    public async Task Rfc_7208_section_7_4_ipv6_example() =>
        (await Expand("%{ir}.%{v}._spf.%{d2}", "2001:db8::cb01")).Should().Be(
            "1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6._spf.example.com");

    [Fact]
    public async Task Explanation_letters_c_r_t_and_url_escaping()
    {
        var text = "%{c} via %{r} at %{t}: %{L} %%%_%-";
        var result = await Expand(text, "2001:db8::cb01", explanation: true, receivingHost: "mx.receiver.example",
            now: DateTimeOffset.FromUnixTimeSeconds(1700000000));
        result.Should().Be("2001:db8::cb01 via mx.receiver.example at 1700000000: strong-bad % %20");
        (await Expand("%{S}", "192.0.2.3")).Should().Be("strong-bad%40email.example.com");
    }

    [Fact]
    public async Task Ipv4_mapped_address_is_an_ipv4_connection_everywhere()
    {
        var zone = new InMemoryPostureResolver()
            .AddTxt("example.com", "v=spf1 ip6:::ffff:192.0.2.3 ip4:192.0.2.3 -all")
            .AddTxt("fail.example.com", "v=spf1 ip6:::ffff:192.0.2.3 -all exp=why.example.com")
            .AddTxt("why.example.com", "%{i} %{v} %{c}");
        var evaluator = new SpfEvaluator(zone);
        var mapped = IPAddress.Parse("::ffff:192.0.2.3");
        var result = await evaluator.CheckHostAsync(mapped, "example.com", "a@example.com", "h.example", default);
        result.Result.Should().Be(SpfResult.Pass);
        result.MatchedTerm.Should().Be("ip4:192.0.2.3");
        var failed = await evaluator.CheckHostAsync(mapped, "fail.example.com", "a@example.com", "h.example", default);
        failed.Result.Should().Be(SpfResult.Fail, "ip6 never matches an IPv4 connection");
        failed.Explanation.Should().Be("192.0.2.3 in-addr 192.0.2.3");
    }

    [Fact]
    public async Task Mx_host_lookup_failure_is_a_temperror()
    {
        var zone = new InMemoryPostureResolver()
            .AddTxt("example.com", "v=spf1 mx -all")
            .AddMx("example.com", 10, "mx.example.com")
            .AddTimeout("mx.example.com");
        var result = await new SpfEvaluator(zone).CheckHostAsync(
            IPAddress.Parse("192.0.2.9"), "example.com", "a@example.com", "h.example", default);
        result.Result.Should().Be(SpfResult.TempError);
        result.Reason.Should().Contain("mx.example.com");
    }

    [Fact]
    public async Task Result_reports_counts_and_explanation()
    {
        var zone = new InMemoryPostureResolver()
            .AddTxt("example.com", "v=spf1 a:gone.example.com include:_spf.example.com -all exp=why.example.com")
            .AddTxt("_spf.example.com", "v=spf1 ip4:198.51.100.0/24 ~all")
            .AddTxt("why.example.com", "%{i} is not one of %{d}'s mail servers");
        var result = await new SpfEvaluator(zone).CheckMailFromAsync(
            IPAddress.Parse("203.0.113.7"), "ceo@example.com", "h.example", default);
        result.Should().Be(new SpfCheckResult(
            SpfResult.Fail, "example.com", "203.0.113.7 is not one of example.com's mail servers",
            "example.com: '-all' matched", "-all", 2, 1));
    }

    [Fact]
    public async Task The_limits_are_options()
    {
        var zone = new InMemoryPostureResolver()
            .AddTxt("example.com", "v=spf1 a:one.example a:two.example ip4:192.0.2.1 -all");
        var strict = new SpfEvaluator(zone, new SpfEvaluatorOptions { MaxDnsLookups = 1 });
        var result = await strict.CheckHostAsync(IPAddress.Parse("192.0.2.1"), "example.com", "a@example.com", "h", default);
        result.Result.Should().Be(SpfResult.PermError);
        result.Reason.Should().Contain("lookup number 2");
    }

    private static async Task<string> Expand(
        string macro, string ip, bool explanation = false, string receivingHost = "unknown", DateTimeOffset? now = null)
    {
        var options = new SpfEvaluatorOptions
        {
            ReceivingHost = receivingHost,
            Time = new FixedTime(now ?? DateTimeOffset.UnixEpoch),
        };
        var address = IPAddress.Parse(ip);
        var context = new SpfMacroContext(
            address, "strong-bad@email.example.com", "mx.example.org", "email.example.com", options.ReceivingHost,
            options.Time.GetUtcNow(), (_, _) => Task.FromResult("unknown"));
        return await SpfMacroString.Parse(macro, explanation).ExpandAsync(context, default);
    }
}

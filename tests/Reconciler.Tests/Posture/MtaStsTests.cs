using Reconciler.Posture;
using Reconciler.Posture.MtaSts;

namespace Reconciler.Tests.Posture;

public sealed class MtaStsTests
{
    /// <summary>RFC 8461 §3.2, the example policy (lines end in CRLF as served).</summary>
    private const string Rfc8461Policy =
        "version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\nmx: *.example.net\r\nmx: backupmx.example.com\r\nmax_age: 604800\r\n";

    [Fact]
    public void Rfc_8461_txt_record_example()
    {
        var result = MtaStsCheck.CheckTxt("v=STSv1; id=20160831085700Z;");
        result.Findings.Should().BeEmpty();
        result.Record!.Id.Should().Be("20160831085700Z");
    }

    [Fact]
    public void Rfc_8461_policy_example()
    {
        var result = MtaStsCheck.CheckPolicy(Rfc8461Policy);
        result.Findings.Should().BeEmpty();
        var policy = result.Policy!;
        policy.Mode.Should().Be(MtaStsMode.Enforce);
        policy.MaxAgeSeconds.Should().Be(604800);
        policy.MxPatterns.Should().Equal("mail.example.com", "*.example.net", "backupmx.example.com");
    }

    [Theory]
    [InlineData("mail.example.com", true)]
    [InlineData("MAIL.Example.COM.", true)]
    [InlineData("mx1.example.net", true)]
    [InlineData("example.net", false)]
    [InlineData("a.b.example.net", false)]
    [InlineData("mail.example.org", false)]
    [InlineData("backupmx.example.com", true)]
    public void Mx_patterns_match_as_rfc_8461_section_4_1_says(string host, bool matches) =>
        MtaStsCheck.CheckPolicy(Rfc8461Policy).Policy!.Matches(host).Should().Be(matches);

    [Fact]
    public void Uncovered_mx_hosts_are_errors_in_enforce_and_warnings_in_testing()
    {
        var enforce = MtaStsCheck.CheckPolicy(Rfc8461Policy).Policy!;
        var hosts = new[] { "mail.example.com.", "mx7.example.net", "mx.other.example" };
        enforce.CheckMxHosts(hosts, "example.com").Should().ContainSingle().Which.Should().Match<PostureFinding>(f =>
            f.Code == "MTASTS010" && f.Severity == FindingSeverity.Error && f.Message.Contains("mx.other.example"));

        var testing = MtaStsCheck.CheckPolicy(Rfc8461Policy.Replace("enforce", "testing")).Policy!;
        testing.CheckMxHosts(hosts).Single().Code.Should().Be("MTASTS011");

        var none = MtaStsCheck.CheckPolicy("version: STSv1\nmode: none\nmax_age: 86400\n").Policy!;
        none.CheckMxHosts(hosts).Should().BeEmpty();
    }

    [Theory]
    [InlineData("v=STSv1;", "MTASTS004")]
    [InlineData("v=STSv1; id=123456789012345678901234567890123", "MTASTS004")]
    [InlineData("v=STSv1; id=2024-01-31", "MTASTS004")]
    [InlineData("v=STSv2; id=1", "MTASTS003")]
    [InlineData("id=1; v=STSv1", "MTASTS003")]
    [InlineData("v=stsv1; id=1", "MTASTS003")]
    public void Reports_bad_txt_records(string text, string code)
    {
        var result = MtaStsCheck.CheckTxt(text);
        result.Record.Should().BeNull();
        result.Findings.Single().Code.Should().Be(code);
    }

    [Theory]
    [InlineData("mode: enforce\nmx: mail.example.com\nmax_age: 604800\n", "MTASTS005")]
    [InlineData("version: STSv2\nmode: enforce\nmx: mail.example.com\nmax_age: 604800\n", "MTASTS005")]
    [InlineData("version: STSv1\nmode: Enforce\nmx: mail.example.com\nmax_age: 604800\n", "MTASTS006")]
    [InlineData("version: STSv1\nmx: mail.example.com\nmax_age: 604800\n", "MTASTS006")]
    [InlineData("version: STSv1\nmode: enforce\nmx: mail.example.com\nmax_age: 31557601\n", "MTASTS007")]
    [InlineData("version: STSv1\nmode: enforce\nmx: mail.example.com\nmax_age: a week\n", "MTASTS007")]
    [InlineData("version: STSv1\nmode: enforce\nmx: mail.example.com\n", "MTASTS007")]
    [InlineData("version: STSv1\nmode: enforce\nmax_age: 604800\n", "MTASTS008")]
    [InlineData("version: STSv1\nmode: testing\nmx: *.*.example.com\nmax_age: 604800\n", "MTASTS009")]
    public void Reports_policies_senders_cannot_use(string text, string code)
    {
        var result = MtaStsCheck.CheckPolicy(text);
        result.Policy.Should().BeNull();
        result.Findings.Should().Contain(f => f.Code == code, string.Join("\n", result.Findings));
    }

    [Theory]
    [InlineData("version: STSv1\nmode: testing\nmx: mail.example.com\nmax_age: 604800\n", "MTASTS012")]
    [InlineData("version: STSv1\nmode: none\nmax_age: 604800\n", "MTASTS013")]
    [InlineData("version: STSv1\nmode: enforce\nmx: mail.example.com\nmax_age: 3600\n", "MTASTS014")]
    [InlineData("version: STSv1\nmode: enforce\nmode: testing\nmx: mail.example.com\nmax_age: 604800\n", "MTASTS015")]
    [InlineData("version: STSv1\nmode: enforce\nthis is not a field\nmx: mail.example.com\nmax_age: 604800\n", "MTASTS015")]
    [InlineData("version: STSv1\nmode: enforce\nmx: bad_host!\nmx: mail.example.com\nmax_age: 604800\n", "MTASTS009")]
    public void Reports_usable_policies_with_remarks(string text, string code)
    {
        var result = MtaStsCheck.CheckPolicy(text);
        result.Policy.Should().NotBeNull();
        result.Findings.Should().Contain(f => f.Code == code, string.Join("\n", result.Findings));
    }

    [Fact]
    public async Task Looks_up_the_txt_record_and_the_mx_hosts()
    {
        var zone = new InMemoryPostureResolver()
            .AddTxt("_mta-sts.example.com", "v=STSv1; id=20160831085700Z;", "something else")
            .AddMx("example.com", 10, "mail.example.com")
            .AddMx("example.com", 20, "fallback.example.org")
            .AddTxt("_mta-sts.two.example", "v=STSv1; id=1", "v=STSv1; id=2")
            .AddTimeout("_mta-sts.slow.example");
        var inspector = new PostureInspector(zone);

        (await inspector.InspectMtaStsTxtAsync("example.com", default)).Record!.Id.Should().Be("20160831085700Z");
        (await inspector.InspectMtaStsTxtAsync("none.example", default)).Findings.Single().Code.Should().Be("MTASTS001");
        (await inspector.InspectMtaStsTxtAsync("two.example", default)).Findings.Single().Code.Should().Be("MTASTS002");
        (await inspector.InspectMtaStsTxtAsync("slow.example", default)).Findings.Single().Code.Should().Be("MTASTS016");

        var policy = await inspector.CheckMtaStsPolicyAsync("example.com", Rfc8461Policy, default);
        policy.Findings.Should().ContainSingle(f => f.Code == "MTASTS010").Which.Message.Should().Contain("fallback.example.org");
    }
}

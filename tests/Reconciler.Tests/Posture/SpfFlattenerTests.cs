using System.Net;
using Reconciler.Posture.Spf;

namespace Reconciler.Tests.Posture;

public sealed class SpfFlattenerTests
{
    private static InMemoryPostureResolver Zone() => new InMemoryPostureResolver()
        .AddTxt("acme.example",
            "v=spf1 include:_spf.vendor.example a:mail.acme.example mx ip4:198.51.100.0/25 ip4:198.51.100.128/25 -all")
        .AddTxt("_spf.vendor.example", "v=spf1 ip4:203.0.113.0/24 ip6:2001:db8:1::/48 ~all")
        .AddA("mail.acme.example", "192.0.2.10")
        .AddMx("acme.example", 10, "mx1.acme.example")
        .AddA("mx1.acme.example", "192.0.2.11")
        .AddAaaa("mx1.acme.example", "2001:db8:2::25");

    [Fact]
    public async Task Resolves_includes_a_and_mx_into_merged_ranges_keeping_all()
    {
        var flat = await new SpfFlattener(Zone()).FlattenAsync("acme.example", default);

        flat.Error.Should().BeNull();
        flat.Record.Should().Be(
            "v=spf1 ip4:192.0.2.10/31 ip4:198.51.100.0/24 ip4:203.0.113.0/24 ip6:2001:db8:1::/48 ip6:2001:db8:2::25 -all");
        flat.AllQualifier.Should().Be(SpfQualifier.Fail);
        flat.DnsLookups.Should().Be(0);
        flat.NeedsSplitting.Should().BeFalse();
        flat.TxtStringCount.Should().Be(1);
        flat.PassIPv4.Select(n => n.ToString()).Should().Equal("192.0.2.10/31", "198.51.100.0/24", "203.0.113.0/24");
        flat.PassIPv6.Select(n => n.ToString()).Should().Equal("2001:db8:1::/48", "2001:db8:2::25");
        flat.Findings.Should().BeEmpty();
        await AssertSameResults(Zone(), "acme.example", flat,
            "192.0.2.9", "192.0.2.10", "192.0.2.11", "192.0.2.12", "198.51.100.200", "203.0.113.1", "2001:db8:1::1",
            "2001:db8:2::25", "2001:db8:2::26", "8.8.8.8");
    }

    [Fact]
    public async Task Exclusions_inside_an_include_are_honoured()
    {
        var zone = new InMemoryPostureResolver()
            .AddTxt("acme.example", "v=spf1 include:vendor.example ip4:192.0.2.1 ~all")
            .AddTxt("vendor.example", "v=spf1 -ip4:203.0.113.5 ?ip4:203.0.113.6 ip4:203.0.113.0/24 -all");
        var flat = await new SpfFlattener(zone).FlattenAsync("acme.example", default);

        flat.PassIPv4.Should().NotContain(n => n.Contains(IPAddress.Parse("203.0.113.5")));
        flat.PassIPv4.Should().NotContain(n => n.Contains(IPAddress.Parse("203.0.113.6")));
        flat.Record.Should().EndWith(" ~all").And.NotContain("include");
        await AssertSameResults(zone, "acme.example", flat,
            Enumerable.Range(0, 12).Select(i => $"203.0.113.{i}").Append("192.0.2.1").Append("192.0.2.2").ToArray());
    }

    [Fact]
    public async Task Own_fail_ranges_stay_ahead_of_included_passes()
    {
        var zone = new InMemoryPostureResolver()
            .AddTxt("acme.example", "v=spf1 -ip4:203.0.113.128/25 include:vendor.example ~all")
            .AddTxt("vendor.example", "v=spf1 ip4:203.0.113.0/24 ~all");
        var flat = await new SpfFlattener(zone).FlattenAsync("acme.example", default);

        flat.Record.Should().Be("v=spf1 ip4:203.0.113.0/25 -ip4:203.0.113.128/25 ~all");
        await AssertSameResults(zone, "acme.example", flat, "203.0.113.1", "203.0.113.129", "192.0.2.1");
    }

    [Fact]
    public async Task Message_dependent_terms_and_includes_holding_them_are_kept()
    {
        var zone = new InMemoryPostureResolver()
            .AddTxt("acme.example",
                "v=spf1 ip4:192.0.2.1 exists:%{i}.allow.acme.example include:macro.vendor.example include:plain.example -all")
            .AddTxt("macro.vendor.example", "v=spf1 exists:%{l}.users.vendor.example include:plain.example ~all")
            .AddTxt("plain.example", "v=spf1 ip4:198.51.100.0/24 -all");
        var flat = await new SpfFlattener(zone).FlattenAsync("acme.example", default);

        flat.Record.Should().Be(
            "v=spf1 ip4:192.0.2.1 exists:%{i}.allow.acme.example include:macro.vendor.example ip4:198.51.100.0/24 -all");
        flat.KeptTerms.Should().Equal("exists:%{i}.allow.acme.example", "include:macro.vendor.example");
        flat.DnsLookups.Should().Be(1 + 3, "the exists, and the kept include with its own exists and include");
        flat.Findings.Where(f => f.Code == "SPF026").Should().HaveCount(2);
    }

    [Fact]
    public async Task Policy_too_big_for_one_record_is_split_into_included_records()
    {
        var ranges = string.Join(' ', Enumerable.Range(0, 60).Select(i => $"ip4:198.{i * 2}.0.0/16"));
        var zone = new InMemoryPostureResolver()
            .AddTxt("acme.example", "v=spf1 include:big.vendor.example ip6:2001:db8::/32 ~all")
            .AddTxt("big.vendor.example", $"v=spf1 {ranges} -all");
        var flat = await new SpfFlattener(zone).FlattenAsync("acme.example", default);

        flat.NeedsSplitting.Should().BeTrue();
        flat.Records.Should().OnlyContain(r => r.Octets <= 450);
        flat.Records.Skip(1).Select(r => r.Name).Should().StartWith("_spf1.acme.example");
        flat.Record.Should().StartWith("v=spf1 include:_spf1.acme.example").And.EndWith("~all");
        flat.DnsLookups.Should().Be(flat.Records.Count - 1);
        flat.PassIPv4.Should().HaveCount(60);
        flat.TxtStringCount.Should().Be(flat.Records.Sum(r => TxtStrings.Count(r.Octets)));
        flat.Findings.Should().ContainSingle(f => f.Code == "SPF025");
        await AssertSameResults(zone, "acme.example", flat, "198.0.1.1", "198.1.0.1", "198.118.3.3", "198.120.0.1", "2001:db8::1", "192.0.2.1");
    }

    [Fact]
    public async Task A_broken_include_stops_flattening_with_the_reason()
    {
        var zone = new InMemoryPostureResolver()
            .AddTxt("acme.example", "v=spf1 include:gone.example -all")
            .AddTxt("loop.example", "v=spf1 include:loop2.example -all")
            .AddTxt("loop2.example", "v=spf1 include:loop.example -all")
            .AddTxt("slow.example", "v=spf1 include:timeout.example -all")
            .AddTimeout("timeout.example");
        var flattener = new SpfFlattener(zone);

        var gone = await flattener.FlattenAsync("acme.example", default);
        gone.Success.Should().BeFalse();
        gone.Error.Should().Contain("gone.example does not exist").And.Contain("PermError");

        (await flattener.FlattenAsync("loop.example", default)).Error.Should()
            .Contain("loop.example → loop2.example → loop.example");
        (await flattener.FlattenAsync("slow.example", default)).Error.Should().Contain("could not be resolved");
    }

    [Fact]
    public async Task Redirect_without_all_is_followed_and_its_all_is_kept()
    {
        var zone = new InMemoryPostureResolver()
            .AddTxt("acme.example", "v=spf1 ip4:192.0.2.1 redirect=_spf.acme.example")
            .AddTxt("_spf.acme.example", "v=spf1 a:out.acme.example ~all")
            .AddA("out.acme.example", "192.0.2.0");
        var flat = await new SpfFlattener(zone).FlattenAsync("acme.example", default);
        flat.Record.Should().Be("v=spf1 ip4:192.0.2.0/31 ~all");
        flat.AllQualifier.Should().Be(SpfQualifier.SoftFail);
        await AssertSameResults(zone, "acme.example", flat, "192.0.2.0", "192.0.2.1", "192.0.2.2");
    }

    /// <summary>Publishes the flattened records beside the original (at flat.&lt;domain&gt;) and checks that the
    /// evaluator gives the same result for each address.</summary>
    private static async Task AssertSameResults(
        InMemoryPostureResolver zone, string domain, SpfFlattening flat, params string[] addresses)
    {
        zone.AddTxt("flat." + domain, flat.Records[0].Text);
        foreach (var extra in flat.Records.Skip(1))
        {
            zone.AddTxt(extra.Name, extra.Text);
        }

        var evaluator = new SpfEvaluator(zone);
        foreach (var address in addresses)
        {
            var ip = IPAddress.Parse(address);
            var original = await evaluator.CheckHostAsync(ip, domain, "a@" + domain, "helo.example", default);
            var flattened = await evaluator.CheckHostAsync(ip, "flat." + domain, "a@" + domain, "helo.example", default);
            flattened.Result.Should().Be(original.Result, $"{address}: {original.Reason} / {flattened.Reason}");
        }
    }
}

using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Reconciler.Dns.Client;
using Reconciler.Posture;
using Reconciler.Posture.Live;
using Reconciler.Posture.Spf;
using Reconciler.Tests.Shared;

namespace Reconciler.Integration.Tests.Posture;

/// <summary>`reconciler posture --live` and `spf flatten` through the built binary, against BIND on 127.0.0.1.</summary>
public sealed class PostureLiveBindTests(PostureLiveFixture fixture) : IClassFixture<PostureLiveFixture>
{
    [Fact]
    public async Task Live_posture_finds_exactly_the_seeded_problems()
    {
        var r = await ReconcilerProcess.RunAsync(fixture.Portfolio.Path, [.. fixture.LiveArguments, "--format", "json"]);
        r.ExitCode.Should().Be(1, "errors were seeded\n" + r.Output);
        using var doc = JsonDocument.Parse(r.StdOut);
        doc.RootElement.GetProperty("source").GetString().Should().Be($"live DNS via {fixture.Bind.Address}");
        var actual = doc.RootElement.GetProperty("domains").EnumerateArray().ToDictionary(
            d => d.GetProperty("domain").GetString()!,
            d => d.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("code").GetString()!).Order().ToArray());
        actual.Keys.Should().BeEquivalentTo(PostureZones.Expected.Keys);
        foreach (var (domain, codes) in PostureZones.Expected)
        {
            actual[domain].Should().Equal(codes.Order(), $"{domain}: {r.StdOut}");
        }

        var domains = doc.RootElement.GetProperty("domains").EnumerateArray().ToDictionary(d => d.GetProperty("domain").GetString()!);
        domains["clean.test"].GetProperty("grade").GetString().Should().Be("A");
        domains["parked.test"].GetProperty("areas").GetProperty("MTA-STS").GetString().Should().Be("n/a");
        domains["mx.test"].GetProperty("areas").GetProperty("MX").GetString().Should().Be("error");
        var spf = domains["spf.test"].GetProperty("findings")[0].GetProperty("message").GetString();
        spf.Should().Contain("12");
    }

    [Fact]
    public async Task Live_posture_of_one_domain_outside_the_portfolio_needs_no_manifest()
    {
        var r = await ReconcilerProcess.RunAsync(Path.GetTempPath(), "posture", "--live", "--resolver", fixture.Bind.Address.ToString(), "--domain", "mx.test");
        r.ExitCode.Should().Be(1, r.Output);
        r.StdOut.Should().Contain("Mail posture of 1 domain (live DNS via").And.Contain("error MX002 [MX]: MX host mx2.mx.test of mx.test is a CNAME for mx1.mx.test");
        r.StdOut.Should().Contain("MTASTS018", "without --connect-to the policy host does not resolve");
    }

    [Fact]
    public async Task Spf_flatten_prints_a_record_that_gives_the_intended_results_and_changes_nothing()
    {
        var serial = await SerialAsync("spf.test");
        var r = await ReconcilerProcess.RunAsync(fixture.Portfolio.Path, "spf", "flatten", "--domain", "spf.test", "--resolver", fixture.Bind.Address.ToString());
        r.ExitCode.Should().Be(0, r.Output);
        r.StdOut.Should().Contain("12 DNS lookups per evaluation — over the limit of 10");
        r.StdOut.Should().Contain("Flattened (0 lookups)");
        r.StdOut.Should().MatchRegex(@"1 TXT record, 1 TXT string of at most 255 octets; \d+ IPv4 and 0 IPv6 ranges pass");
        var line = Regex.Match(r.StdOut, @"(?m)^spf\.test\. TXT (?<strings>("".*?"" ?)+)$");
        line.Success.Should().BeTrue(r.StdOut);
        var flattened = string.Concat(Regex.Matches(line.Groups["strings"].Value, @"""([^""]*)""").Select(m => m.Groups[1].Value));
        flattened.Should().StartWith("v=spf1 ").And.EndWith(" -all");

        // The published policy, evaluated without the 10-lookup limit, is what was meant; the flattened record must
        // give the same result within the limit, where the published one breaks.
        var dns = new DnsPostureResolver(fixture.Bind.Client());
        var unlimited = new SpfEvaluator(dns, new SpfEvaluatorOptions { MaxDnsLookups = 100 });
        var limited = new SpfEvaluator(dns);
        var flat = new SpfEvaluator(new OneRecord(dns, "spf.test", flattened));
        foreach (var ip in Enumerable.Range(1, 10).Select(i => $"198.51.100.{i}").Append("192.0.2.1").Select(IPAddress.Parse))
        {
            var meant = (await unlimited.CheckMailFromAsync(ip, "a@spf.test", "h.example", CancellationToken.None)).Result;
            meant.Should().Be(ip.ToString() is "198.51.100.10" or "192.0.2.1" ? SpfResult.Fail : SpfResult.Pass);
            (await flat.CheckMailFromAsync(ip, "a@spf.test", "h.example", CancellationToken.None)).Result.Should().Be(meant, ip.ToString());
        }

        (await limited.CheckMailFromAsync(IPAddress.Parse("198.51.100.9"), "a@spf.test", "h.example", CancellationToken.None)).Result
            .Should().Be(SpfResult.PermError, "the published policy is over the limit");
        (await SerialAsync("spf.test")).Should().Be(serial, "flatten changes nothing");
    }

    [Fact]
    public async Task Spf_flatten_of_a_domain_without_spf_fails_with_a_message()
    {
        var r = await ReconcilerProcess.RunAsync(fixture.Portfolio.Path, "spf", "flatten", "--domain", "nothing.clean.test", "--resolver", fixture.Bind.Address.ToString());
        r.ExitCode.Should().Be(1, r.Output);
        r.StdErr.Should().Contain("cannot flatten the SPF policy of nothing.clean.test");
    }

    [Fact]
    public async Task The_dns_adapter_follows_cnames_and_tells_nodata_nxdomain_and_failure_apart()
    {
        var resolver = new DnsPostureResolver(fixture.Bind.Client());
        var viaCname = await resolver.LookupAAsync("mx2.mx.test", CancellationToken.None);
        viaCname.Status.Should().Be(LookupStatus.Found);
        viaCname.Records.Single().ToString().Should().Be("192.0.2.25");
        (await resolver.LookupCnameAsync("mx2.mx.test", CancellationToken.None)).Records.Should().Equal("mx1.mx.test");
        (await resolver.LookupMxAsync("parked.test", CancellationToken.None)).Records.Should().Equal(new MxHost(0, "."));
        (await resolver.LookupTxtAsync("mx1.mx.test", CancellationToken.None)).Status.Should().Be(LookupStatus.NoData);
        (await resolver.LookupTxtAsync("none.mx.test", CancellationToken.None)).Status.Should().Be(LookupStatus.NxDomain);
        var refused = await resolver.LookupTxtAsync("example.org", CancellationToken.None);
        refused.Status.Should().Be(LookupStatus.Failure);
        refused.Error.Should().Contain("REFUSED");
        (await resolver.LookupTxtAsync("anything._domainkey.parked.test", CancellationToken.None)).Records.Should().Equal("v=DKIM1; p=");
    }

    [Fact]
    public async Task Long_txt_records_are_joined_from_their_strings()
    {
        var resolver = new DnsPostureResolver(fixture.Bind.Client());
        var spf = await resolver.LookupTxtAsync("spf.test", CancellationToken.None);
        spf.Records.Should().Equal("v=spf1 include:_a.spf.test include:_b.spf.test include:_c.spf.test -all");
    }

    /// <summary>The resolver with one domain's TXT answered by a given record (a record not published).</summary>
    private sealed class OneRecord(IPostureResolver inner, string domain, string txt) : IPostureResolver
    {
        public Task<LookupResult<string>> LookupTxtAsync(string name, CancellationToken cancellationToken) =>
            DomainNames.Normalize(name) == domain ? Task.FromResult(LookupResult<string>.Found([txt])) : inner.LookupTxtAsync(name, cancellationToken);

        public Task<LookupResult<IPAddress>> LookupAAsync(string name, CancellationToken cancellationToken) => inner.LookupAAsync(name, cancellationToken);

        public Task<LookupResult<IPAddress>> LookupAaaaAsync(string name, CancellationToken cancellationToken) => inner.LookupAaaaAsync(name, cancellationToken);

        public Task<LookupResult<MxHost>> LookupMxAsync(string name, CancellationToken cancellationToken) => inner.LookupMxAsync(name, cancellationToken);

        public Task<LookupResult<string>> LookupPtrAsync(string name, CancellationToken cancellationToken) => inner.LookupPtrAsync(name, cancellationToken);

        public Task<LookupResult<string>> LookupCnameAsync(string name, CancellationToken cancellationToken) => inner.LookupCnameAsync(name, cancellationToken);
    }

    private async Task<uint> SerialAsync(string zone)
    {
        var response = await fixture.Bind.Client().QueryAsync(Reconciler.Dns.DnsName.Parse(zone + "."), Reconciler.Dns.RecordType.SOA);
        return ((Reconciler.Dns.Records.SoaData)response.Answers.Single().Data!).Serial;
    }
}

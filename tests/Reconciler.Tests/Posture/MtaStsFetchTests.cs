using Reconciler.Posture;
using Reconciler.Posture.Live;
using Reconciler.Posture.MtaSts;
using Reconciler.Tests.Shared;

namespace Reconciler.Tests.Posture;

/// <summary>Fetching MTA-STS policies over real HTTPS (Kestrel on 127.0.0.1, a test CA), as RFC 8461 §3.3 says senders do.</summary>
public sealed class MtaStsFetchTests : IAsyncLifetime
{
    private const string Enforce = "version: STSv1\nmode: enforce\nmx: mx1.a.example\nmx: *.backup.a.example\nmax_age: 604800\n";

    private static readonly Dictionary<string, MtaStsTestServer.Response> Hosts = new()
    {
        ["mta-sts.a.example"] = new(Enforce),
        ["mta-sts.redirect.example"] = new("", Status: 301, Location: "https://elsewhere.example/.well-known/mta-sts.txt"),
        ["mta-sts.html.example"] = new(Enforce.Replace("a.example", "html.example", StringComparison.Ordinal), "text/html"),
        ["mta-sts.missing.example"] = new("not here", Status: 404),
        ["mta-sts.big.example"] = new("version: STSv1\n" + new string('#', 70 * 1024)),
    };

    private MtaStsTestServer _server = null!;

    public async Task InitializeAsync() => _server = await MtaStsTestServer.StartAsync(Hosts);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private MtaStsPolicyFetcher Fetcher(IPostureResolver? resolver = null, bool trustCa = true, params string[] hosts)
    {
        var connect = (hosts.Length == 0 ? Hosts.Keys.ToArray() : hosts).ToDictionary(h => h, _ => _server.Endpoint, StringComparer.OrdinalIgnoreCase);
        return new MtaStsPolicyFetcher(resolver ?? new InMemoryPostureResolver(), new MtaStsFetchOptions
        {
            TrustedRoots = trustCa ? [_server.Ca] : null,
            ConnectTo = connect,
            Timeout = TimeSpan.FromSeconds(5),
        });
    }

    [Fact]
    public async Task A_policy_served_correctly_is_fetched_and_checked_against_the_mx_hosts()
    {
        using var fetcher = Fetcher();
        var fetch = await fetcher.FetchAsync("a.example", CancellationToken.None);
        fetch.Url.Should().Be("https://mta-sts.a.example/.well-known/mta-sts.txt");
        fetch.Findings.Should().BeEmpty();
        fetch.PolicyText.Should().Be(Enforce);

        var dns = new InMemoryPostureResolver().AddMx("a.example", 10, "mx1.a.example").AddMx("a.example", 20, "mx9.backup.a.example").AddMx("a.example", 30, "other.example");
        var check = await new PostureInspector(dns).CheckMtaStsPolicyAsync("a.example", fetch.PolicyText!, CancellationToken.None);
        check.Policy!.Mode.Should().Be(MtaStsMode.Enforce);
        check.Policy.MaxAgeSeconds.Should().Be(604800);
        check.Findings.Should().ContainSingle().Which.Should().Match<PostureFinding>(f => f.Code == "MTASTS010" && f.Message.Contains("other.example"));
    }

    [Fact]
    public async Task A_certificate_from_an_untrusted_ca_is_refused()
    {
        using var fetcher = Fetcher(trustCa: false);
        var fetch = await fetcher.FetchAsync("a.example", CancellationToken.None);
        fetch.PolicyText.Should().BeNull();
        var f = fetch.Findings.Should().ContainSingle().Subject;
        f.Code.Should().Be("MTASTS018");
        f.Message.Should().Contain("mta-sts.a.example").And.ContainAny("certificate", "SSL");
    }

    [Fact]
    public async Task A_certificate_for_another_name_is_refused_even_from_the_trusted_ca()
    {
        using var fetcher = Fetcher(null, true, "mta-sts.other.example");
        var fetch = await fetcher.FetchAsync("other.example", CancellationToken.None);
        fetch.Findings.Should().ContainSingle(f => f.Code == "MTASTS018");
    }

    [Fact]
    public async Task Redirects_are_not_followed()
    {
        using var fetcher = Fetcher();
        var fetch = await fetcher.FetchAsync("redirect.example", CancellationToken.None);
        fetch.PolicyText.Should().BeNull();
        fetch.Findings.Should().ContainSingle(f => f.Code == "MTASTS019" && f.Message.Contains("elsewhere.example") && f.Message.Contains("301"));
    }

    [Fact]
    public async Task A_policy_not_served_as_text_plain_is_a_warning_but_still_read()
    {
        using var fetcher = Fetcher();
        var fetch = await fetcher.FetchAsync("html.example", CancellationToken.None);
        fetch.PolicyText.Should().Contain("mode: enforce");
        fetch.Findings.Should().ContainSingle(f => f.Code == "MTASTS020" && f.Severity == FindingSeverity.Warning);
    }

    [Fact]
    public async Task Http_errors_and_oversized_policies_are_unavailable_policies()
    {
        using var fetcher = Fetcher();
        (await fetcher.FetchAsync("missing.example", CancellationToken.None)).Findings
            .Should().ContainSingle(f => f.Code == "MTASTS018" && f.Message.Contains("HTTP 404"));
        (await fetcher.FetchAsync("big.example", CancellationToken.None)).Findings
            .Should().ContainSingle(f => f.Code == "MTASTS018" && f.Message.Contains("64 KiB"));
    }

    [Fact]
    public async Task Without_an_override_the_host_is_resolved_through_the_posture_resolver()
    {
        using var fetcher = new MtaStsPolicyFetcher(new InMemoryPostureResolver().AddName("mta-sts.nohost.example"), new MtaStsFetchOptions { TrustedRoots = [_server.Ca] });
        var fetch = await fetcher.FetchAsync("nohost.example", CancellationToken.None);
        fetch.Findings.Should().ContainSingle(f => f.Code == "MTASTS018" && f.Message.Contains("cannot resolve mta-sts.nohost.example"));
    }

    [Fact]
    public async Task The_live_assessment_fetches_the_policy_when_the_txt_record_is_published()
    {
        var dns = new InMemoryPostureResolver()
            .AddMx("a.example", 10, "mx1.a.example").AddMx("a.example", 20, "mx2.a.example")
            .AddA("mx1.a.example", "192.0.2.1").AddA("mx2.a.example", "192.0.2.2")
            .AddTxt("a.example", "v=spf1 ip4:192.0.2.0/29 -all")
            .AddTxt("_dmarc.a.example", "v=DMARC1; p=none; rua=mailto:dmarc@a.example")
            .AddTxt("_mta-sts.a.example", "v=STSv1; id=20261122")
            .AddTxt("_smtp._tls.a.example", "v=TLSRPTv1; rua=mailto:tls@a.example");
        using var fetcher = Fetcher(dns);
        var posture = await new LivePostureAssessor(dns, fetcher).AssessAsync("a.example", null, CancellationToken.None);
        posture.Findings.Select(f => f.Code).Should().BeEquivalentTo("MTASTS010", "DMARC015");
        posture.Findings.Single(f => f.Code == "MTASTS010").Message.Should().Contain("mx2.a.example");
    }
}

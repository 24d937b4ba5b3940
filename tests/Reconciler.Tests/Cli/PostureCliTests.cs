using System.Text.Json;
using Reconciler.Tests.Common;
using Reconciler.Tests.Shared;

namespace Reconciler.Tests.Cli;

/// <summary>`reconciler posture` (manifests, no network) and posture findings in `validate`, through the built binary.</summary>
public sealed class PostureCliTests
{
    private const string Config = """
        providers:
          zones: { kind: zonefile, settings: { directory: state/zones } }
        defaults: { dnsProvider: zones }
        """;

    /// <summary>DMARC enforced without verified alignment, an MX host that is a CNAME, an SPF term after -all.</summary>
    private const string Broken = """
        domain: broken.example
        mail:
          provider: none
          mx: [{ host: mail }, { host: relay, preference: 20 }]
          dkim: [{ selector: s1, type: ed25519, publicKey: "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=" }]
          dmarc: { p: reject, rua: ["mailto:dmarc@broken.example"] }
          tlsRpt: { rua: ["mailto:tls@broken.example"] }
        dns:
          records:
            - { name: mail, type: A, value: 192.0.2.25 }
            - { name: relay, type: CNAME, value: mail }
            - { name: "@", type: TXT, value: "v=spf1 mx -all a" }
        """;

    private const string Parked = "domain: parked.example\nmail: { parked: true }\n";

    private static TempPortfolio Portfolio()
    {
        var p = TempPortfolio.Empty();
        p.Write("reconciler.yaml", Config);
        p.Write("domains/broken.example.yaml", Broken);
        p.Write("domains/parked.example.yaml", Parked);
        return p;
    }

    [Fact]
    public async Task The_example_portfolio_grades_without_errors()
    {
        var r = await ReconcilerProcess.RunAsync(RepoPaths.Root, "posture", "examples/portfolio");
        r.ExitCode.Should().Be(0, r.Output);
        r.StdOut.Should().Contain("Mail posture of 6 domains (manifests)");
        r.StdOut.Should().MatchRegex(@"(?m)^old-brand\.example\s+A\s+ok\s+n/a\s+ok\s+ok\s+n/a\s+n/a$");
        r.StdOut.Should().MatchRegex(@"(?m)^acme\.example\s+A(\s+ok){6}$");
        r.StdOut.Should().Contain("6 domains: 2 A, 4 B; 0 errors, 4 warnings, 4 info");
    }

    [Fact]
    public async Task Errors_exit_1_with_codes_rfc_sections_and_manifest_lines()
    {
        using var p = Portfolio();
        var r = await ReconcilerProcess.RunAsync(p.Path, "posture", "--format", "json");
        r.ExitCode.Should().Be(1, r.Output);
        using var doc = JsonDocument.Parse(r.StdOut);
        var broken = doc.RootElement.GetProperty("domains").EnumerateArray().Single(d => d.GetProperty("domain").GetString() == "broken.example");
        broken.GetProperty("grade").GetString().Should().Be("F");
        var findings = broken.GetProperty("findings").EnumerateArray()
            .Select(f => (Code: f.GetProperty("code").GetString(), Rfc: f.GetProperty("rfc").GetString(), Line: f.TryGetProperty("line", out var l) ? l.GetInt32() : 0))
            .ToList();
        findings.Should().BeEquivalentTo(new[]
        {
            ("MAIL011", "RFC 7489 §6.3, §7.2", 6),
            ("MX002", "RFC 2181 §10.3; RFC 5321 §5.1", 4),
            ("SPF009", "RFC 7208 §5.1", 12),
            ("MTASTS017", "RFC 8461 §3", 3),
        });
        broken.GetProperty("areas").GetProperty("DMARC").GetString().Should().Be("error");
        var parked = doc.RootElement.GetProperty("domains").EnumerateArray().Single(d => d.GetProperty("domain").GetString() == "parked.example");
        parked.GetProperty("grade").GetString().Should().Be("A");
        parked.GetProperty("findings").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task Validate_reports_the_record_checks_at_their_lines()
    {
        using var p = Portfolio();
        var r = await ReconcilerProcess.RunAsync(p.Path, "validate");
        r.ExitCode.Should().Be(1, r.Output);
        r.StdOut.Should().Contain("domains/broken.example.yaml:12:7: error SPF009: the SPF record of broken.example: 'a' after '-all' is never evaluated (RFC 7208 §5.1)");
        r.StdOut.Should().MatchRegex(@"domains/broken\.example\.yaml:4:\d+: error MX002: MX host relay\.broken\.example of broken\.example is a CNAME");
        r.StdOut.Should().Contain("error MAIL011");
        r.StdOut.Should().NotContain("MTASTS017", "absence is for `posture`, not `validate`");
    }

    [Fact]
    public async Task Domain_filter_and_html_to_a_file()
    {
        using var p = Portfolio();
        var r = await ReconcilerProcess.RunAsync(p.Path, "posture", "--domain", "parked.example", "--format", "html", "--out", "report.html");
        r.ExitCode.Should().Be(0, r.Output);
        r.StdOut.Should().BeEmpty();
        r.StdErr.Should().Contain("Wrote report.html: 1 domain: 1 A; 0 errors, 0 warnings, 0 info");
        var html = await File.ReadAllTextAsync(Path.Combine(p.Path, "report.html"));
        html.Should().Contain("id=\"posture-grid\"").And.Contain("data-domain=\"parked.example\"").And.NotContain("broken.example");
    }

    [Fact]
    public async Task Markdown_goes_to_standard_output()
    {
        using var p = Portfolio();
        var r = await ReconcilerProcess.RunAsync(p.Path, "posture", "--format", "markdown");
        r.ExitCode.Should().Be(1, r.Output);
        r.StdOut.Should().Contain("| broken.example | **F** |").And.Contain("## broken.example (grade F)");
    }

    [Theory]
    [InlineData("--format", "yaml")]
    [InlineData("--domain", "stranger.example")]
    public async Task Usage_errors_exit_2(string option, string value)
    {
        using var p = Portfolio();
        var r = await ReconcilerProcess.RunAsync(p.Path, "posture", option, value);
        r.ExitCode.Should().Be(2, r.Output);
    }

    [Fact]
    public async Task A_manifest_that_cannot_be_read_makes_posture_fail()
    {
        using var p = Portfolio();
        p.Write("domains/bad.example.yaml", "domain: bad.example\nmail: { parked: maybe }\n");
        var r = await ReconcilerProcess.RunAsync(p.Path, "posture", "--domain", "parked.example");
        r.ExitCode.Should().Be(1, r.Output);
        r.StdErr.Should().Contain("1 domain manifest has errors that keep it out of the report; run `reconciler validate`");
    }
}

using System.Text.Json;
using System.Text.RegularExpressions;
using Reconciler.Posture;
using Reconciler.Posture.Reporting;
using Reconciler.Schema.Loading;

namespace Reconciler.Tests.Posture;

public sealed class PostureReportTests
{
    private static ReportFinding F(PostureArea area, FindingSeverity severity, string code = "X001", string message = "m") =>
        new(area, code, severity, message, "RFC 0000 §1", "Do it.");

    [Theory]
    [InlineData("", PostureGrade.A)]
    [InlineData("Spf:Info Dkim:Info", PostureGrade.A)]
    [InlineData("Spf:Warning", PostureGrade.B)]
    [InlineData("Spf:Warning Spf:Warning", PostureGrade.B)]
    [InlineData("Spf:Warning Dmarc:Warning", PostureGrade.C)]
    [InlineData("Mx:Error Spf:Warning Dmarc:Warning", PostureGrade.D)]
    [InlineData("Mx:Error Mx:Error", PostureGrade.D)]
    [InlineData("Mx:Error Dkim:Error", PostureGrade.F)]
    public void Grades_count_areas_with_errors_then_with_warnings(string findings, PostureGrade grade)
    {
        var list = findings.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => s.Split(':'))
            .Select(p => F(Enum.Parse<PostureArea>(p[0]), Enum.Parse<FindingSeverity>(p[1])));
        PostureGrading.For(list).Should().Be(grade);
    }

    private static PostureReport Sample() => new("manifests", new DateTimeOffset(2026, 11, 22, 9, 30, 0, TimeSpan.Zero),
    [
        new DomainPosture("good.example", "domains/good.example.yaml", [], new HashSet<PostureArea>()),
        new DomainPosture("bad.example", "domains/bad.example.yaml", DomainPosture.Order(
        [
            F(PostureArea.Mx, FindingSeverity.Error, "MX002", "MX host mx2.bad.example of bad.example is a CNAME <for> \"x\""),
            F(PostureArea.Spf, FindingSeverity.Error, "SPF003", "too many lookups") with { Location = new SourcePosition("domains/bad.example.yaml", 7, 5) },
            F(PostureArea.Dmarc, FindingSeverity.Warning, "DMARC015", "p=none"),
            F(PostureArea.MtaSts, FindingSeverity.Info, "MTASTS017", "no MTA-STS"),
        ]), new HashSet<PostureArea>()),
        new DomainPosture("parked.example", null, [], new HashSet<PostureArea> { PostureArea.Dkim, PostureArea.MtaSts, PostureArea.TlsRpt }),
    ]);

    [Fact]
    public void Findings_are_ordered_worst_first_then_by_area()
    {
        Sample().Domains[1].Findings.Select(f => f.Code).Should().Equal("SPF003", "MX002", "DMARC015", "MTASTS017");
    }

    [Fact]
    public void Plain_text_has_the_grid_the_findings_and_the_summary()
    {
        var o = new StringWriter();
        PostureTextRenderer.Render(o, Sample(), terminal: false);
        var text = o.ToString();
        text.Should().Contain("Mail posture of 3 domains (manifests), 2026-11-22 09:30 UTC");
        text.Should().MatchRegex(@"(?m)^bad\.example\s+F\s+error\s+ok\s+warning\s+error\s+info\s+ok$");
        text.Should().MatchRegex(@"(?m)^parked\.example\s+A\s+ok\s+n/a\s+ok\s+ok\s+n/a\s+n/a$");
        text.Should().Contain("  error SPF003 [SPF]: too many lookups (RFC 0000 §1)\n      at domains/bad.example.yaml:7:5\n      fix: Do it.");
        text.Should().EndWith("3 domains: 2 A, 1 F; 2 errors, 1 warning, 1 info" + Environment.NewLine);
        text.Should().NotContain("\u001b[", "no escape codes when not on a terminal");
    }

    [Fact]
    public void The_terminal_table_is_coloured()
    {
        var o = new StringWriter();
        PostureTextRenderer.Render(o, Sample(), terminal: true);
        o.ToString().Should().Contain("\u001b[").And.Contain("bad.example").And.Contain("MTA-STS");
    }

    [Fact]
    public void Json_has_areas_grades_and_located_findings()
    {
        using var doc = JsonDocument.Parse(PostureJsonWriter.Write(Sample()));
        var root = doc.RootElement;
        root.GetProperty("errors").GetInt32().Should().Be(2);
        var bad = root.GetProperty("domains")[1];
        bad.GetProperty("grade").GetString().Should().Be("F");
        bad.GetProperty("areas").GetProperty("MX").GetString().Should().Be("error");
        bad.GetProperty("areas").GetProperty("TLS-RPT").GetString().Should().Be("ok");
        var spf = bad.GetProperty("findings")[0];
        spf.GetProperty("code").GetString().Should().Be("SPF003");
        spf.GetProperty("line").GetInt32().Should().Be(7);
        root.GetProperty("domains")[2].GetProperty("areas").GetProperty("DKIM").GetString().Should().Be("n/a");
    }

    [Fact]
    public void Markdown_is_a_table_and_lists()
    {
        var o = new StringWriter();
        PostureMarkdownRenderer.Render(o, Sample());
        o.ToString().Should().Contain("| bad.example | **F** | ❌ error | ✅ ok | ⚠️ warning | ❌ error | ℹ️ info | ✅ ok |")
            .And.Contain("## bad.example (grade F)")
            .And.Contain("- **error SPF003** (SPF, RFC 0000 §1): too many lookups — `domains/bad.example.yaml:7:5`");
    }

    [Fact]
    public void Html_is_one_self_contained_page_with_a_coloured_grid_and_tooltips()
    {
        var html = PostureHtmlRenderer.Render(Sample());
        html.Should().StartWith("<!DOCTYPE html>");
        html.Should().NotMatchRegex(@"<(script|link|img|iframe)\b", "no scripts or external resources");
        html.Should().NotMatchRegex(@"\b(src|href)\s*=\s*""(https?:)?//", "nothing is loaded from elsewhere");
        html.Should().NotContain("url(", "no CSS resources");
        html.Should().Contain("<table class=\"grid\" id=\"posture-grid\">");
        Regex.Matches(html, "<tr data-domain=").Count.Should().Be(3);
        html.Should().Contain("<td class=\"cell error\" data-area=\"MX\" data-severity=\"error\" title=\"MX002 error: MX host mx2.bad.example of bad.example is a CNAME &lt;for&gt; &quot;x&quot;\">");
        html.Should().Contain("data-area=\"DKIM\" data-severity=\"n/a\"");
        html.Should().Contain("<section class=\"domain\" id=\"d-bad.example\">").And.Contain("<a href=\"#d-bad.example\">");
        html.Should().NotContain("<for>", "text is escaped");
    }
}

namespace Reconciler.Posture.Reporting;

/// <summary>The report for pull requests and wikis: the grid as a table, then findings per domain.</summary>
public static class PostureMarkdownRenderer
{
    public static void Render(TextWriter o, PostureReport report)
    {
        o.WriteLine($"# {PostureTextRenderer.Title(report)}");
        o.WriteLine();
        o.WriteLine("| Domain | Grade | " + string.Join(" | ", PostureAreas.All.Select(PostureAreas.Name)) + " |");
        o.WriteLine("| --- | :---: | " + string.Join(" | ", PostureAreas.All.Select(_ => ":---:")) + " |");
        foreach (var d in report.Domains)
        {
            o.WriteLine($"| {Escape(d.Domain)} | **{d.Grade}** | " + string.Join(" | ", PostureAreas.All.Select(a => Cell(PostureCells.Label(d, a)))) + " |");
        }

        o.WriteLine();
        o.WriteLine($"Grades: {PostureGrading.Explanation}");
        foreach (var d in report.Domains.Where(d => d.Findings.Count > 0))
        {
            o.WriteLine();
            o.WriteLine($"## {Escape(d.Domain)} (grade {d.Grade})");
            o.WriteLine();
            foreach (var f in d.Findings)
            {
                var at = PostureCells.Location(f) is { Length: > 0 } l ? $" — `{l}`" : "";
                o.WriteLine($"- **{PostureCells.Label(f.Severity)} {f.Code}** ({PostureAreas.Name(f.Area)}, {Escape(f.Rfc)}): {Escape(f.Message)}{at}  ");
                o.WriteLine($"  fix: {Escape(f.Fix)}");
            }
        }

        o.WriteLine();
        o.WriteLine(PostureTextRenderer.Summary(report));
    }

    private static string Cell(string label) => label switch
    {
        "error" => "❌ error",
        "warning" => "⚠️ warning",
        "info" => "ℹ️ info",
        PostureCells.Ok => "✅ ok",
        _ => "— n/a",
    };

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal);
}

using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Reconciler.Posture.Reporting;

/// <summary>
/// The terminal form: a grid of domains × areas with grades, then each domain's findings. On a terminal it is a
/// Spectre.Console table in colour; otherwise plain aligned text that greps well.
/// </summary>
public static class PostureTextRenderer
{
    /// <param name="width">Terminal width for the rich form (long findings wrap there); 120 when unknown.</param>
    public static void Render(TextWriter output, PostureReport report, bool terminal, int? width = null)
    {
        if (terminal)
        {
            RenderRich(output, report, width is > 40 ? width.Value : 120);
        }
        else
        {
            RenderPlain(output, report);
        }
    }

    private static void RenderPlain(TextWriter o, PostureReport report)
    {
        o.WriteLine(Title(report));
        o.WriteLine();
        var width = Math.Max("domain".Length, report.Domains.Select(d => d.Domain.Length).DefaultIfEmpty(0).Max());
        var header = "domain".PadRight(width) + "  grade  " + string.Join("  ", PostureAreas.All.Select(a => PostureAreas.Name(a).PadRight(7)));
        o.WriteLine(header.TrimEnd());
        foreach (var d in report.Domains)
        {
            var row = d.Domain.PadRight(width) + "  " + d.Grade.ToString().PadRight(5) + "  " +
                      string.Join("  ", PostureAreas.All.Select(a => PostureCells.Label(d, a).PadRight(7)));
            o.WriteLine(row.TrimEnd());
        }

        foreach (var d in report.Domains.Where(d => d.Findings.Count > 0))
        {
            o.WriteLine();
            o.WriteLine($"{d.Domain} (grade {d.Grade})");
            foreach (var f in d.Findings)
            {
                o.WriteLine($"  {PostureCells.Label(f.Severity)} {f.Code} [{PostureAreas.Name(f.Area)}]: {f.Message} ({f.Rfc})");
                if (PostureCells.Location(f) is { Length: > 0 } at)
                {
                    o.WriteLine($"      at {at}");
                }

                o.WriteLine($"      fix: {f.Fix}");
            }
        }

        o.WriteLine();
        o.WriteLine(Summary(report));
    }

    private static void RenderRich(TextWriter output, PostureReport report, int width)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.Standard,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = width;
        console.MarkupLine($"[bold]{Markup.Escape(Title(report))}[/]");
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("Domain");
        table.AddColumn(new TableColumn("Grade").Centered());
        foreach (var a in PostureAreas.All)
        {
            table.AddColumn(new TableColumn(PostureAreas.Name(a)).Centered());
        }

        foreach (var d in report.Domains)
        {
            var cells = new List<IRenderable> { new Markup(Markup.Escape(d.Domain)), new Markup($"[{GradeStyle(d.Grade)}]{d.Grade}[/]") };
            cells.AddRange(PostureAreas.All.Select(a => (IRenderable)new Markup(Cell(PostureCells.Label(d, a)))));
            table.AddRow(cells);
        }

        console.Write(table);
        foreach (var d in report.Domains.Where(d => d.Findings.Count > 0))
        {
            console.WriteLine();
            console.MarkupLine($"[bold]{Markup.Escape(d.Domain)}[/] (grade [{GradeStyle(d.Grade)}]{d.Grade}[/])");
            foreach (var f in d.Findings)
            {
                var label = PostureCells.Label(f.Severity);
                console.MarkupLine($"  [{SeverityStyle(label)}]{label}[/] [bold]{f.Code}[/] [dim][[{PostureAreas.Name(f.Area)}]][/] {Markup.Escape(f.Message)} [dim]({Markup.Escape(f.Rfc)})[/]");
                if (PostureCells.Location(f) is { Length: > 0 } at)
                {
                    console.MarkupLine($"      [dim]at {Markup.Escape(at)}[/]");
                }

                console.MarkupLine($"      [dim]fix:[/] {Markup.Escape(f.Fix)}");
            }
        }

        console.WriteLine();
        console.MarkupLine(report.HasErrors ? $"[red]{Markup.Escape(Summary(report))}[/]" : $"[green]{Markup.Escape(Summary(report))}[/]");
    }

    public static string Title(PostureReport report) =>
        $"Mail posture of {report.Domains.Count} domain{(report.Domains.Count == 1 ? "" : "s")} ({report.Source}), " +
        report.Generated.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    public static string Summary(PostureReport report)
    {
        var grades = string.Join(", ", Enum.GetValues<PostureGrade>()
            .Select(g => (g, n: report.Domains.Count(d => d.Grade == g)))
            .Where(x => x.n > 0)
            .Select(x => $"{x.n} {x.g}"));
        return $"{report.Domains.Count} domain{(report.Domains.Count == 1 ? "" : "s")}: {(grades.Length == 0 ? "none" : grades)}; " +
               $"{Count(report.Count(FindingSeverity.Error), "error")}, {Count(report.Count(FindingSeverity.Warning), "warning")}, {report.Count(FindingSeverity.Info)} info";
    }

    private static string Count(int n, string what) => $"{n} {what}{(n == 1 ? "" : "s")}";

    private static string Cell(string label) => label switch
    {
        "error" => "[white on red] error [/]",
        "warning" => "[black on yellow] warn [/]",
        "info" => "[blue]info[/]",
        PostureCells.Ok => "[green]ok[/]",
        _ => "[dim]n/a[/]",
    };

    private static string SeverityStyle(string label) => label switch
    {
        "error" => "red",
        "warning" => "yellow",
        _ => "blue",
    };

    private static string GradeStyle(PostureGrade grade) => grade switch
    {
        PostureGrade.A => "green",
        PostureGrade.B => "green",
        PostureGrade.C => "yellow",
        PostureGrade.D => "red",
        _ => "bold red",
    };
}

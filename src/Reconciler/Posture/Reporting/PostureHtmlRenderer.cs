using System.Globalization;
using System.Net;
using System.Text;

namespace Reconciler.Posture.Reporting;

/// <summary>
/// One self-contained HTML page (inline CSS, no scripts, fonts or images from anywhere): a portfolio grid of domains ×
/// areas coloured by the worst finding, each cell's tooltip listing its findings, then every domain's findings.
/// </summary>
public static class PostureHtmlRenderer
{
    private const string Css = """
        :root { --error:#c62828; --warning:#f9a825; --info:#1e6fb8; --ok:#2e7d32; --na:#d5d8dc; --ink:#1f2933; --muted:#616e7c; --line:#e4e7eb; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #f5f7fa; }
        header { padding: 20px 28px 12px; background: #fff; border-bottom: 1px solid var(--line); }
        h1 { margin: 0 0 4px; font-size: 20px; }
        .meta { color: var(--muted); }
        .totals { display: flex; gap: 10px; flex-wrap: wrap; margin-top: 12px; }
        .total { padding: 6px 12px; border-radius: 6px; background: #f0f4f8; font-weight: 600; }
        .total.error { background: var(--error); color: #fff; } .total.warning { background: var(--warning); } .total.info { background: var(--info); color: #fff; }
        main { padding: 20px 28px 40px; }
        table.grid { border-collapse: separate; border-spacing: 3px; background: #fff; padding: 8px; border-radius: 8px; box-shadow: 0 1px 3px rgba(0,0,0,.08); }
        .grid th { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); padding: 6px 10px; text-align: center; }
        .grid th.domain, .grid td.domain { text-align: left; }
        .grid td { padding: 0; }
        .grid td.domain a { display: block; padding: 8px 12px; color: var(--ink); text-decoration: none; font-weight: 600; white-space: nowrap; }
        .grid td.domain a:hover { text-decoration: underline; }
        .cell { width: 92px; height: 36px; text-align: center; vertical-align: middle; border-radius: 5px; font-weight: 600; font-size: 12px; cursor: help; }
        .cell.error { background: var(--error); color: #fff; }
        .cell.warning { background: var(--warning); color: #1f2933; }
        .cell.info { background: #d7e8f7; color: var(--info); }
        .cell.ok { background: #dff3e3; color: var(--ok); }
        .cell.na { background: repeating-linear-gradient(45deg, #eef0f2, #eef0f2 6px, #f7f8f9 6px, #f7f8f9 12px); color: var(--muted); font-weight: 400; }
        .grade { display: inline-block; width: 30px; height: 30px; line-height: 30px; border-radius: 50%; text-align: center; font-weight: 700; color: #fff; }
        .grade.A { background: #2e7d32; } .grade.B { background: #7cb342; } .grade.C { background: #f9a825; color: #1f2933; } .grade.D { background: #ef6c00; } .grade.F { background: #c62828; }
        .legend { margin: 10px 0 24px; color: var(--muted); display: flex; gap: 14px; flex-wrap: wrap; align-items: center; }
        .legend .cell { display: inline-block; width: auto; height: auto; padding: 2px 10px; cursor: default; }
        section.domain { background: #fff; border-radius: 8px; box-shadow: 0 1px 3px rgba(0,0,0,.08); margin: 16px 0; padding: 14px 18px; }
        section.domain h2 { margin: 0 0 8px; font-size: 16px; display: flex; align-items: center; gap: 10px; }
        section.domain .file { color: var(--muted); font-weight: 400; font-size: 13px; }
        ul.findings { list-style: none; margin: 0; padding: 0; }
        ul.findings li { border-left: 4px solid var(--line); padding: 6px 10px; margin: 6px 0; background: #fafbfc; }
        ul.findings li.error { border-color: var(--error); } ul.findings li.warning { border-color: var(--warning); } ul.findings li.info { border-color: var(--info); }
        .sev { font-weight: 700; text-transform: uppercase; font-size: 11px; }
        li.error .sev { color: var(--error); } li.warning .sev { color: #b7791f; } li.info .sev { color: var(--info); }
        .code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-weight: 600; }
        .area, .rfc, .at { color: var(--muted); }
        .fix { margin-top: 2px; }
        .clean { color: var(--ok); }
        """;

    public static string Render(PostureReport report)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        sb.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        sb.Append($"<title>{E(PostureTextRenderer.Title(report))}</title>\n<style>\n{Css}\n</style>\n</head>\n<body>\n");

        sb.Append("<header>\n");
        sb.Append($"<h1>Mail posture: {report.Domains.Count} domain{(report.Domains.Count == 1 ? "" : "s")}</h1>\n");
        sb.Append($"<div class=\"meta\">{E(report.Source)} · {report.Generated.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC</div>\n");
        sb.Append("<div class=\"totals\">");
        foreach (var g in Enum.GetValues<PostureGrade>())
        {
            var n = report.Domains.Count(d => d.Grade == g);
            if (n > 0)
            {
                sb.Append($"<span class=\"total\"><span class=\"grade {g}\">{g}</span> × {n}</span>");
            }
        }

        sb.Append($"<span class=\"total error\">{Plural(report.Count(FindingSeverity.Error), "error")}</span>");
        sb.Append($"<span class=\"total warning\">{Plural(report.Count(FindingSeverity.Warning), "warning")}</span>");
        sb.Append($"<span class=\"total info\">{report.Count(FindingSeverity.Info)} info</span>");
        sb.Append("</div>\n</header>\n<main>\n");

        sb.Append("<table class=\"grid\" id=\"posture-grid\">\n<thead><tr><th class=\"domain\">Domain</th><th>Grade</th>");
        foreach (var a in PostureAreas.All)
        {
            sb.Append($"<th>{E(PostureAreas.Name(a))}</th>");
        }

        sb.Append("</tr></thead>\n<tbody>\n");
        foreach (var d in report.Domains)
        {
            sb.Append($"<tr data-domain=\"{E(d.Domain)}\"><td class=\"domain\"><a href=\"#{Anchor(d.Domain)}\">{E(d.Domain)}</a></td>");
            sb.Append($"<td><span class=\"grade {d.Grade}\" title=\"grade {d.Grade}\">{d.Grade}</span></td>");
            foreach (var a in PostureAreas.All)
            {
                var label = PostureCells.Label(d, a);
                var css = label == PostureCells.NotApplicable ? "na" : label;
                var findings = d.In(a).ToList();
                var tip = findings.Count == 0
                    ? $"{PostureAreas.Name(a)}: {(label == PostureCells.NotApplicable ? "does not apply (the domain accepts no mail)" : "no findings")}"
                    : string.Join("\n", findings.Select(f => $"{f.Code} {PostureCells.Label(f.Severity)}: {f.Message}"));
                var text = label switch
                {
                    "error" => "✕ error",
                    "warning" => "! warning",
                    "info" => "i info",
                    PostureCells.Ok => "✓ ok",
                    _ => "n/a",
                };
                sb.Append($"<td class=\"cell {css}\" data-area=\"{E(PostureAreas.Name(a))}\" data-severity=\"{label}\" title=\"{Attr(tip)}\">{text}</td>");
            }

            sb.Append("</tr>\n");
        }

        sb.Append("</tbody>\n</table>\n");
        sb.Append("<div class=\"legend\"><span class=\"cell error\">✕ error</span><span class=\"cell warning\">! warning</span><span class=\"cell info\">i info</span><span class=\"cell ok\">✓ ok</span><span class=\"cell na\">n/a</span>");
        sb.Append($"<span>Hover a cell for its findings. {E(PostureGrading.Explanation)}</span></div>\n");

        foreach (var d in report.Domains)
        {
            sb.Append($"<section class=\"domain\" id=\"{Anchor(d.Domain)}\">\n<h2><span class=\"grade {d.Grade}\">{d.Grade}</span>{E(d.Domain)}");
            if (d.File is not null)
            {
                sb.Append($" <span class=\"file\">{E(d.File)}</span>");
            }

            sb.Append("</h2>\n");
            if (d.Findings.Count == 0)
            {
                sb.Append("<p class=\"clean\">No findings.</p>\n</section>\n");
                continue;
            }

            sb.Append("<ul class=\"findings\">\n");
            foreach (var f in d.Findings)
            {
                var label = PostureCells.Label(f.Severity);
                sb.Append($"<li class=\"{label}\" data-code=\"{E(f.Code)}\"><span class=\"sev\">{label}</span> <span class=\"code\">{E(f.Code)}</span> ");
                sb.Append($"<span class=\"area\">{E(PostureAreas.Name(f.Area))}</span> {E(f.Message)} <span class=\"rfc\">({E(f.Rfc)})</span>");
                if (PostureCells.Location(f) is { Length: > 0 } at)
                {
                    sb.Append($" <span class=\"at\">at {E(at)}</span>");
                }

                sb.Append($"<div class=\"fix\">Fix: {E(f.Fix)}</div></li>\n");
            }

            sb.Append("</ul>\n</section>\n");
        }

        sb.Append("</main>\n</body>\n</html>\n");
        return sb.ToString();
    }

    private static string Plural(int n, string what) => $"{n} {what}{(n == 1 ? "" : "s")}";

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Attr(string text) => WebUtility.HtmlEncode(text).Replace("\n", "&#10;", StringComparison.Ordinal);

    private static string Anchor(string domain) => "d-" + string.Concat(domain.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_'));
}

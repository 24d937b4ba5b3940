using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Reconciler.GitOps;
using Reconciler.Planning;
using Reconciler.Planning.Rendering;

namespace Reconciler.Daemon.Http;

/// <summary>
/// The status pages: plain server-rendered HTML (no scripts, no build step) that reads on a phone. / has one row
/// per domain: state, last applied commit, drift since, next action; /domains/{domain} shows the domain's plan,
/// drift report and its history from Git. /api/domains is the same table as JSON for scripts.
/// </summary>
public sealed class StatusPages(StatusBoard board, DaemonOptions options, TimeProvider clock)
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    public async Task IndexAsync(HttpContext context)
    {
        var now = clock.GetUtcNow();
        var domains = board.Domains;
        var o = new StringBuilder();
        Head(o, "Reconciler");
        o.Append("<h1>Reconciler</h1>");
        o.Append("<p class=meta>").Append(E(GitCli.Redact(options.RepositoryUrl))).Append(" · ").Append(E(options.Branch));
        o.Append(" · ").Append(E(options.Shard.ToString())).Append(" · head ").Append(E(Short(board.Head)));
        o.Append(" · fetched ").Append(E(Ago(board.LastFetch, now))).Append("</p>");
        foreach (var problem in new[] { board.PortfolioError, board.LastFetchError, board.LastPushError }.Where(p => p is not null))
        {
            o.Append("<p class=problem>").Append(E(problem!)).Append("</p>");
        }

        o.Append("<p class=counts>");
        foreach (var status in Enum.GetValues<DomainStatus>())
        {
            var n = domains.Count(d => d.State.Status == status);
            if (n > 0)
            {
                o.Append("<span class=\"badge ").Append(Css(status)).Append("\">").Append(n).Append(' ').Append(E(Label(status))).Append("</span> ");
            }
        }

        o.Append("</p>");
        o.Append("<table><thead><tr><th>domain</th><th>state</th><th>last applied</th><th>drift since</th><th>next action</th></tr></thead><tbody>");
        foreach (var d in domains)
        {
            var s = d.State;
            o.Append("<tr class=\"").Append(Css(s.Status)).Append("\" data-domain=\"").Append(E(s.Domain)).Append("\" data-state=\"").Append(Css(s.Status)).Append("\">");
            o.Append("<td><a href=\"/domains/").Append(E(s.Domain)).Append("\">").Append(E(s.Domain)).Append("</a></td>");
            o.Append("<td><span class=\"badge ").Append(Css(s.Status)).Append("\">").Append(E(Label(s.Status))).Append("</span>");
            if (s.Message is not null)
            {
                o.Append("<div class=msg>").Append(E(s.Message)).Append("</div>");
            }

            o.Append("</td><td data-label=\"last applied\"><code>").Append(E(Short(s.AppliedCommit))).Append("</code>");
            if (s.LastApplied is { } applied)
            {
                o.Append("<div class=msg>").Append(E(Ago(applied, now))).Append("</div>");
            }

            o.Append("</td><td data-label=\"drift since\">").Append(E(s.DriftSince is { } since ? Time(since) : "—")).Append("</td>");
            o.Append("<td data-label=\"next\">").Append(E(NextAction(s, now))).Append("</td></tr>");
        }

        o.Append("</tbody></table>");
        if (domains.Count == 0)
        {
            o.Append("<p>No domains yet: the first pass has not finished, or this shard owns none.</p>");
        }

        Foot(o);
        await Send(context, o);
    }

    public async Task DomainAsync(HttpContext context)
    {
        var name = context.Request.RouteValues["domain"] as string ?? "";
        var view = board.Find(name);
        if (view is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await context.Response.WriteAsync($"no domain {name} on this replica ({options.Shard})\n");
            return;
        }

        var now = clock.GetUtcNow();
        var s = view.State;
        var o = new StringBuilder();
        Head(o, s.Domain + " · Reconciler");
        o.Append("<p><a href=\"/\">← all domains</a></p>");
        o.Append("<h1>").Append(E(s.Domain)).Append(" <span class=\"badge ").Append(Css(s.Status)).Append("\" id=state>").Append(E(Label(s.Status))).Append("</span></h1>");
        o.Append("<dl>");
        Row(o, "message", s.Message ?? "—");
        Row(o, "manifest", view.ManifestFile ?? "—");
        Row(o, "last applied commit", s.AppliedCommit ?? "—");
        Row(o, "last applied", s.LastApplied is { } a ? Time(a) : "—");
        Row(o, "last checked", s.LastChecked is { } c ? Time(c) : "—");
        Row(o, "drift since", s.DriftSince is { } d ? Time(d) : "—");
        Row(o, "next action", NextAction(s, now));
        o.Append("</dl>");

        o.Append("<h2>Plan</h2>");
        if (view.Plan is { } plan)
        {
            var text = new StringWriter(CultureInfo.InvariantCulture);
            TextPlanRenderer.Render(text, new Plan(now, "", board.Head, [plan]), color: false);
            o.Append("<p class=meta>fingerprint <code>").Append(E(DriftReport.PlanFingerprint(plan))).Append("</code></p>");
            o.Append("<pre>").Append(E(text.ToString())).Append("</pre>");
        }
        else
        {
            o.Append("<p>Not planned since the daemon started.</p>");
        }

        if (view.DriftMarkdown is not null)
        {
            o.Append("<h2>Drift report</h2><pre>").Append(E(view.DriftMarkdown)).Append("</pre>");
        }

        o.Append("<h2>History</h2><table><thead><tr><th>when</th><th>what</th><th>commit</th><th>who</th><th>details</th></tr></thead><tbody>");
        var history = await DomainHistory.ReadAsync(options.CloneDirectory, s.Domain, null, context.RequestAborted);
        foreach (var h in history.Reverse().Take(200))
        {
            o.Append("<tr><td>").Append(E(Time(h.When))).Append("</td><td>").Append(E(h.Kind)).Append("</td><td><code>").Append(E(Short(h.Commit)))
                .Append("</code></td><td>").Append(E(h.Who)).Append("</td><td>").Append(E(h.What)).Append("</td></tr>");
        }

        o.Append("</tbody></table>");
        Foot(o);
        await Send(context, o);
    }

    public async Task JsonAsync(HttpContext context)
    {
        var now = clock.GetUtcNow();
        context.Response.ContentType = "application/json";
        await using var w = new Utf8JsonWriter(context.Response.Body, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("head", board.Head);
        w.WriteString("shard", options.Shard.ToString());
        w.WriteStartArray("domains");
        foreach (var d in board.Domains)
        {
            var s = d.State;
            w.WriteStartObject();
            w.WriteString("domain", s.Domain);
            w.WriteString("state", Css(s.Status));
            w.WriteString("message", s.Message);
            w.WriteString("appliedCommit", s.AppliedCommit);
            w.WriteString("driftSince", s.DriftSince?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            w.WriteString("nextAction", NextAction(s, now));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        await w.FlushAsync(context.RequestAborted);
    }

    public static string NextAction(DomainState s, DateTimeOffset now)
    {
        var at = s.NextCheck is { } next ? (next <= now ? "now" : "at " + Time(next)) : "";
        return s.Status switch
        {
            DomainStatus.Pending => "first check on the next pass",
            DomainStatus.InSync => $"drift check {at}",
            DomainStatus.Drifted => $"report in drift/{s.Domain}.md; next check {at}",
            DomainStatus.WaitingForApproval => $"apply once plan {s.PendingPlan} is approved (approvals/{s.Domain}.yaml)",
            DomainStatus.WaitingForWindow => $"apply when the change window opens, {at}",
            DomainStatus.WaitingForCutover => $"resume the staged cutover {at}",
            DomainStatus.Failing => $"retry {at} (failure {s.Failures} in a row)",
            DomainStatus.Invalid => "fix the manifest (reconciler validate)",
            _ => "",
        };
    }

    public static string Label(DomainStatus s) => s switch
    {
        DomainStatus.InSync => "in sync",
        DomainStatus.WaitingForApproval => "waiting for approval",
        DomainStatus.WaitingForWindow => "waiting for change window",
        DomainStatus.WaitingForCutover => "waiting for cutover",
        _ => s.ToString().ToLowerInvariant(),
    };

    public static string Css(DomainStatus s) => s switch
    {
        DomainStatus.InSync => "in-sync",
        DomainStatus.WaitingForApproval => "waiting-approval",
        DomainStatus.WaitingForWindow => "waiting-window",
        DomainStatus.WaitingForCutover => "waiting-cutover",
        _ => s.ToString().ToLowerInvariant(),
    };

    private static void Row(StringBuilder o, string name, string value) =>
        o.Append("<dt>").Append(E(name)).Append("</dt><dd>").Append(E(value)).Append("</dd>");

    private static void Head(StringBuilder o, string title)
    {
        o.Append("<!doctype html><html lang=en><head><meta charset=utf-8><meta name=viewport content=\"width=device-width, initial-scale=1\">");
        o.Append("<title>").Append(E(title)).Append("</title><style>");
        o.Append("""
            body{font:15px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0 auto;max-width:70rem;padding:.75rem;color:#1b1f23;background:#fff}
            h1{font-size:1.35rem;margin:.4rem 0}h2{font-size:1.1rem;margin-top:1.4rem}
            .meta{color:#57606a;font-size:.85rem;word-break:break-all}.problem{background:#ffebe9;border-left:4px solid #cf222e;padding:.5rem}
            table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4rem .35rem;border-bottom:1px solid #d0d7de;vertical-align:top}
            th{font-size:.8rem;color:#57606a;font-weight:600}.msg{color:#57606a;font-size:.8rem;margin-top:.15rem;word-break:break-word}
            .badge{display:inline-block;border-radius:1rem;padding:.05rem .55rem;font-size:.8rem;font-weight:600;white-space:nowrap;background:#eaeef2}
            .badge.in-sync{background:#dafbe1;color:#116329}.badge.drifted{background:#fff1c2;color:#7d4e00}.badge.failing,.badge.invalid{background:#ffebe9;color:#a40e26}
            .badge.waiting-approval,.badge.waiting-window,.badge.waiting-cutover{background:#ddf4ff;color:#0a3069}
            tr.drifted td:first-child{border-left:4px solid #d4a72c}tr.failing td:first-child,tr.invalid td:first-child{border-left:4px solid #cf222e}
            pre{background:#f6f8fa;padding:.6rem;overflow-x:auto;font-size:.8rem}dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem .8rem}dt{color:#57606a}dd{margin:0;word-break:break-all}
            code{font-size:.85em}a{color:#0969da}
            @media (max-width:40rem){thead{display:none}tr{display:block;border-bottom:1px solid #d0d7de;padding:.3rem 0}td{display:block;border:0;padding:.15rem .2rem}td[data-label]::before{content:attr(data-label) ": ";color:#57606a;font-size:.8rem}}
            """);
        o.Append("</style></head><body>");
    }

    private void Foot(StringBuilder o) =>
        o.Append("<p class=meta>reconciler ").Append(E(options.Version)).Append(" · page made ").Append(E(Time(clock.GetUtcNow()))).Append("</p></body></html>");

    private static async Task Send(HttpContext context, StringBuilder o)
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsync(o.ToString(), context.RequestAborted);
    }

    private static string E(string text) => Html.Encode(text);

    private static string Short(string? sha) => sha is null ? "—" : sha[..Math.Min(10, sha.Length)];

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    private static string Ago(DateTimeOffset? t, DateTimeOffset now)
    {
        if (t is null)
        {
            return "never";
        }

        var d = now - t.Value;
        return d.TotalSeconds < 90 ? $"{Math.Max(0, (int)d.TotalSeconds)} s ago" : d.TotalMinutes < 90 ? $"{(int)d.TotalMinutes} min ago" : Time(t.Value);
    }
}

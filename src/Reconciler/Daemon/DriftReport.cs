using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Reconciler.GitOps;
using Reconciler.Planning;
using Reconciler.Planning.Rendering;
using Reconciler.Providers;
using Reconciler.Schema.Model;

namespace Reconciler.Daemon;

/// <summary>
/// What the daemon writes when live state moved away from Git: <c>drift/&lt;domain&gt;.md</c> for people (what
/// differs, since when, the plan that would restore Git's state) and <c>drift/&lt;domain&gt;.json</c> for tools.
/// The content depends only on the drift itself (not on when it was last looked at), so an unchanged drift never
/// makes a new commit.
/// </summary>
public sealed record DriftReport(string Domain, string Fingerprint, string Summary, string Markdown, string Json, IReadOnlyList<DriftDifference> Differences)
{
    public static DriftReport Build(DomainPlan plan, string? manifestCommit, DateTimeOffset since, DriftAction policy)
    {
        // One row per resource: a staged cutover has two steps for one record set (lower the TTL, then switch).
        var differences = plan.Steps.GroupBy(s => s.ResourceId, StringComparer.Ordinal).Select(Difference).ToList();
        var fingerprint = PlanFingerprint(plan);
        var summary = Summarize(plan);
        return new DriftReport(plan.Domain, fingerprint, summary, RenderMarkdown(plan, differences, manifestCommit, since, policy, summary), JsonText(plan, differences, manifestCommit, since, policy, summary, fingerprint), differences);
    }

    /// <summary>Identifies a drift by what differs (the steps that would restore Git), not by when it was read.</summary>
    public static string PlanFingerprint(DomainPlan plan) => new Plan(DateTimeOffset.UnixEpoch, "", null, [plan]).Fingerprint;

    /// <summary>The commit message tail: e.g. <c>MX changed outside Git</c>, <c>A www, TXT removed outside Git</c>.</summary>
    public static string Summarize(DomainPlan plan)
    {
        var labels = plan.Steps.Select(s => Label(s, plan.Domain)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var verbs = plan.Steps.Select(s => Change(s)).Distinct().ToList();
        var verb = verbs.Count == 1 ? verbs[0] : "changed";
        var text = string.Join(", ", labels.Take(3)) + (labels.Count > 3 ? $" and {labels.Count - 3} more" : "");
        return $"{text} {verb} outside Git";
    }

    public static string CommitMessage(string domain, string summary) => $"drift({domain}): {summary}";

    public static string ClearedMessage(string domain, string how) => $"drift({domain}): cleared, {how}";

    private static string Label(PlanStep s, string domain)
    {
        if (s.Resource is RecordSetResource r)
        {
            var name = r.Set.Name.RelativeTo(r.Zone);
            return name == "@" ? r.Set.Type.ToString() : $"{r.Set.Type} {name}";
        }

        return s.ResourceId;
    }

    /// <summary>The plan restores Git: its "before" is live, its "after" is Git.</summary>
    private static string Change(PlanStep s) => s.Action switch
    {
        StepAction.Create => "removed",
        StepAction.Delete => "added",
        _ => "changed",
    };

    private static DriftDifference Difference(IGrouping<string, PlanStep> steps)
    {
        var first = steps.First();
        var last = steps.Last();
        var change = first.Before is null ? "removed" : last.After is null ? "added" : "changed";
        return new DriftDifference(steps.Key, first.Resource.Kind, change, last.After?.Describe(), first.Before?.Describe());
    }

    private static string RenderMarkdown(DomainPlan plan, IReadOnlyList<DriftDifference> differences, string? commit, DateTimeOffset since, DriftAction policy, string summary)
    {
        var o = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        o.WriteLine($"# Drift: {plan.Domain}");
        o.WriteLine();
        o.WriteLine($"Live state no longer matches Git: **{summary}**.");
        o.WriteLine();
        o.WriteLine($"- Seen since: {since.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC");
        o.WriteLine($"- Manifest commit: {(commit is null ? "unknown" : $"`{commit[..Math.Min(12, commit.Length)]}`")}");
        o.WriteLine($"- Policy (`policy.onDrift`): **{policy.ToString().ToLowerInvariant()}** — " + policy switch
        {
            DriftAction.Revert => "the daemon puts Git's state back.",
            DriftAction.Adopt => $"the daemon proposes the live values on branch `{RepoLayout.AdoptBranch(plan.Domain)}`; merge or close it.",
            _ => "the daemon reports only; change the manifest or the live system to settle it.",
        });
        o.WriteLine();
        o.WriteLine("| resource | change | in Git | live |");
        o.WriteLine("|---|---|---|---|");
        foreach (var d in differences)
        {
            o.WriteLine($"| `{Cell(d.Resource)}` | {d.Change} outside Git | {Cell(d.InGit ?? "(absent)")} | {Cell(d.Live ?? "(absent)")} |");
        }

        o.WriteLine();
        o.WriteLine("## The plan that would restore Git's state");
        o.WriteLine();
        var restore = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        MarkdownPlanRenderer.Render(restore, new Plan(since, "", commit, [plan]));
        o.Write(restore.ToString().Replace("### Reconciler plan", "### Plan", StringComparison.Ordinal));
        return o.ToString();
    }

    private static string JsonText(DomainPlan plan, IReadOnlyList<DriftDifference> differences, string? commit, DateTimeOffset since, DriftAction policy, string summary, string fingerprint)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteNumber("formatVersion", 1);
            w.WriteString("domain", plan.Domain);
            w.WriteString("since", since.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            w.WriteString("policy", policy.ToString().ToLowerInvariant());
            w.WriteString("summary", summary);
            w.WriteString("fingerprint", fingerprint);
            w.WriteString("liveFingerprint", plan.LiveFingerprint);
            if (commit is null)
            {
                w.WriteNull("manifestCommit");
            }
            else
            {
                w.WriteString("manifestCommit", commit);
            }

            w.WriteStartArray("differences");
            foreach (var d in differences)
            {
                w.WriteStartObject();
                w.WriteString("resource", d.Resource);
                w.WriteString("kind", d.Kind);
                w.WriteString("change", d.Change);
                Nullable(w, "git", d.InGit);
                Nullable(w, "live", d.Live);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void Nullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}

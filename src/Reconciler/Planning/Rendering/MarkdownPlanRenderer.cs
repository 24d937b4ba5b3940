using System.Globalization;
using Reconciler.Providers;

namespace Reconciler.Planning.Rendering;

/// <summary>
/// A plan as a pull-request comment: the summary first, one table per domain (long values folded away), blocks
/// and staged steps called out so a reviewer sees what needs a decision.
/// </summary>
public static class MarkdownPlanRenderer
{
    public static void Render(TextWriter o, Plan plan)
    {
        o.WriteLine($"### Reconciler plan{(plan.Commit is null ? "" : $" for `{plan.Commit[..Math.Min(12, plan.Commit.Length)]}`")}");
        o.WriteLine();
        o.WriteLine($"**{(plan.HasChanges ? plan.Summary : "No changes.")}**" + (plan.IsBlocked ? " ⚠️ Some steps need `--allow-destructive`." : "") + (plan.HasErrors ? " ❌ Some domains could not be planned." : ""));
        o.WriteLine();
        foreach (var d in plan.Domains)
        {
            if (d.Error is not null)
            {
                o.WriteLine($"#### ❌ `{d.Domain}`");
                o.WriteLine();
                o.WriteLine("```");
                o.WriteLine(d.Error);
                o.WriteLine("```");
                o.WriteLine();
                continue;
            }

            if (!d.HasChanges)
            {
                continue;
            }

            o.WriteLine($"#### `{d.Domain}`");
            o.WriteLine();
            o.WriteLine("| # | action | resource | phase | risk | why |");
            o.WriteLine("|---|---|---|---|---|---|");
            foreach (var s in d.Steps)
            {
                var icon = s.Action switch { StepAction.Create => "➕", StepAction.Update => "✏️", _ => "➖" };
                var notes = s.Reason;
                if (s.NotBefore is { } nb)
                {
                    notes += $"; not before {nb.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC";
                }

                if (s.Blocked is not null)
                {
                    notes += $"; **blocked: {s.Blocked}**";
                }

                o.WriteLine($"| {s.Index} | {icon} {s.Action.ToString().ToLowerInvariant()} | `{Cell(s.ResourceId)}` | {TextPlanRenderer.Kebab(s.Phase)} | {s.Risk.ToString().ToLowerInvariant()} | {Cell(notes)} |");
            }

            o.WriteLine();
            o.WriteLine("<details><summary>values</summary>");
            o.WriteLine();
            o.WriteLine("```diff");
            foreach (var s in d.Steps)
            {
                o.WriteLine($"# {s.Index} {s.ResourceId}");
                if (s.Before is not null)
                {
                    o.WriteLine("- " + Describe(s.Before));
                }

                if (s.After is not null)
                {
                    o.WriteLine("+ " + Describe(s.After));
                }
            }

            o.WriteLine("```");
            o.WriteLine();
            o.WriteLine("</details>");
            o.WriteLine();
        }
    }

    private static string Describe(Resource r) => r.Describe().Replace("\n", " ", StringComparison.Ordinal);

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}

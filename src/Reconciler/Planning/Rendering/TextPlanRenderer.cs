using System.Globalization;
using Reconciler.Providers;

namespace Reconciler.Planning.Rendering;

/// <summary>The terminal form of a plan: one block per domain, one line per step, the summary last.</summary>
public static class TextPlanRenderer
{
    private const int ValueWidth = 96;

    public static void Render(TextWriter o, Plan plan, bool color)
    {
        foreach (var d in plan.Domains)
        {
            if (d.Error is not null)
            {
                o.WriteLine(Paint($"{d.Domain}: error: {d.Error}", "31", color));
                continue;
            }

            if (!d.HasChanges)
            {
                continue;
            }

            o.WriteLine(Paint(d.Domain, "1", color) + Paint($"  (dns: {d.DnsProvider}{(d.MailProvider is null ? "" : $", mail: {d.MailProvider}")})", "2", color));
            foreach (var s in d.Steps)
            {
                var (sign, code) = s.Action switch
                {
                    StepAction.Create => ("+", "32"),
                    StepAction.Update => ("~", "33"),
                    _ => ("-", "31"),
                };
                o.WriteLine($"  {s.Index,3} {Paint($"{sign} {s.Action.ToString().ToLowerInvariant(),-6}", code, color)} {s.ResourceId}  {Paint($"[{Kebab(s.Phase)}, {s.Risk.ToString().ToLowerInvariant()} risk]", "2", color)}");
                if (s.Before is not null && s.After is not null)
                {
                    o.WriteLine($"        {Paint("- " + Clip(s.Before), "31", color)}");
                    o.WriteLine($"        {Paint("+ " + Clip(s.After), "32", color)}");
                }
                else
                {
                    o.WriteLine($"        {Clip(s.Resource)}");
                }

                o.WriteLine(Paint($"        why: {s.Reason}", "2", color));
                if (s.NotBefore is { } nb)
                {
                    o.WriteLine(Paint($"        not before {nb.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC (the old TTL must expire first)", "36", color));
                }

                if (s.Blocked is not null)
                {
                    o.WriteLine(Paint($"        blocked: {s.Blocked} (needs --allow-destructive)", "35", color));
                }
            }

            o.WriteLine();
        }

        var summary = plan.HasChanges ? plan.Summary : "No changes. Live state matches the manifests.";
        if (plan.IsBlocked)
        {
            summary += $"; {plan.Steps.Count(s => s.Blocked is not null)} blocked by the safety policy";
        }

        if (plan.HasErrors)
        {
            summary += $"; {plan.Domains.Count(d => d.Error is not null)} domain(s) with errors";
        }

        o.WriteLine(Paint(summary, plan.HasErrors ? "31" : "1", color));
    }

    internal static string Kebab(Phase phase) => phase switch
    {
        Phase.SwitchMx => "switch-mx",
        _ => phase.ToString().ToLowerInvariant(),
    };

    internal static string Clip(Resource r)
    {
        var text = r.Describe();
        return text.Length <= ValueWidth ? text : text[..(ValueWidth - 1)] + "…";
    }

    private static string Paint(string text, string code, bool color) => color ? $"\u001b[{code}m{text}\u001b[0m" : text;
}

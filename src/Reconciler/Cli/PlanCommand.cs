using System.CommandLine;
using Reconciler.Planning;
using Reconciler.Planning.Rendering;

namespace Reconciler.Cli;

/// <summary>`reconciler plan`: what would change on the live systems, read-only.</summary>
public static class PlanCommand
{
    public const int Changes = 2;
    public const int Blocked = 3;

    /// <summary>Usage errors exit 1 here, not <see cref="ExitCodes.Usage"/>: under --detailed-exitcode 2 means "changes",
    /// and a script must never read a mistyped command line as a plan with changes.</summary>
    public const int UsageError = ExitCodes.Errors;

    public static Command Create(CliServices services)
    {
        var path = CliOptions.PortfolioArgument();
        var domains = CliOptions.Domains();
        var format = CliOptions.Format(OutputFormat.Text, OutputFormat.Markdown, OutputFormat.Json);
        var output = new Option<string?>("--out") { Description = "Also save the plan as JSON, for `reconciler apply PLAN.json`." };
        var detailed = new Option<bool>("--detailed-exitcode") { Description = "Exit 0 no changes, 2 changes, 3 changes blocked by the safety policy, 1 error." };
        var journal = CliOptions.Journal();
        var command = new Command("plan", "Show what would change on the live DNS and mail servers; changes nothing.")
        {
            path, domains, format, output, detailed, journal,
        };
        command.SetAction(async (parse, ct) =>
        {
            await using var session = await PortfolioSession.OpenAsync(services, parse.GetValue(path)!, parse.GetValue(journal), ct);
            if (session is null)
            {
                return ExitCodes.Errors;
            }

            var only = await session.ResolveDomainsAsync(services, parse.GetValue(domains) ?? []);
            if (only is null)
            {
                return UsageError;
            }

            var plan = await session.PlanAsync(services, only, ct);
            Render(services, plan, parse.GetValue(format));
            if (parse.GetValue(output) is { } file)
            {
                await File.WriteAllTextAsync(file, PlanJson.Write(plan), ct);
                await services.Error.WriteLineAsync($"Saved the plan to {file}; apply it exactly with: reconciler apply {file}");
            }

            if (plan.HasErrors)
            {
                return ExitCodes.Errors;
            }

            if (!parse.GetValue(detailed))
            {
                return ExitCodes.Ok;
            }

            return plan.IsBlocked ? Blocked : plan.HasChanges ? Changes : ExitCodes.Ok;
        });
        return command;
    }

    public static void Render(CliServices services, Plan plan, OutputFormat format)
    {
        switch (format)
        {
            case OutputFormat.Json:
                services.Out.WriteLine(PlanJson.Write(plan));
                break;
            case OutputFormat.Markdown:
                MarkdownPlanRenderer.Render(services.Out, plan);
                break;
            default:
                TextPlanRenderer.Render(services.Out, plan, services.Color);
                break;
        }
    }
}

using System.CommandLine;
using System.Globalization;
using Reconciler.Applying;
using Reconciler.Planning;
using Reconciler.Planning.Rendering;

namespace Reconciler.Cli;

/// <summary>
/// `reconciler apply`: runs a saved plan exactly (refused if live state moved since), or plans, shows and asks.
/// Each step is journaled and read back from the live system.
/// </summary>
public static class ApplyCommand
{
    public static Command Create(CliServices services)
    {
        var path = new Argument<string>("portfolio-or-plan")
        {
            Description = "Portfolio folder (default: current folder), or a plan saved with `plan --out`.",
            Arity = ArgumentArity.ZeroOrOne,
            DefaultValueFactory = _ => ".",
        };
        var domains = CliOptions.Domains();
        var allow = new Option<bool>("--allow-destructive") { Description = "Run steps the safety policy holds back (mass changes, mailbox deletion, DKIM key removal)." };
        var yes = new Option<bool>("--yes", "-y") { Description = "Do not ask for confirmation." };
        var journal = CliOptions.Journal();
        var restore = new Option<string[]>("--restore")
        {
            Description = "Incident: put this domain's DNS back to its last-known-good (the values Reconciler last applied, else the manifest's) in one pass, nothing staged (repeatable).",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("apply", "Make the live DNS and mail servers match the manifests, step by step, verifying each step.")
        {
            path, domains, allow, yes, journal, restore,
        };
        command.SetAction(async (parse, ct) =>
        {
            var target = parse.GetValue(path)!;
            Plan? saved = null;
            if (File.Exists(target) && target.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            {
                try
                {
                    saved = PlanJson.Read(await File.ReadAllTextAsync(target, ct), target);
                }
                catch (FormatException e)
                {
                    await services.Error.WriteLineAsync($"reconciler: {e.Message}");
                    return ExitCodes.Errors;
                }
            }

            await using var session = await PortfolioSession.OpenAsync(services, saved?.Portfolio ?? target, parse.GetValue(journal), ct);
            if (session is null)
            {
                return ExitCodes.Errors;
            }

            var restoring = parse.GetValue(restore) ?? [];
            if (restoring.Length > 0 && (saved is not null || (parse.GetValue(domains) ?? []).Length > 0))
            {
                await services.Error.WriteLineAsync("reconciler: --restore DOMAIN names the domains itself; it takes neither a saved plan nor --domain.");
                return ExitCodes.Usage;
            }

            var only = restoring.Length > 0
                ? await session.ResolveDomainsAsync(services, restoring, "--restore")
                : await session.ResolveDomainsAsync(services, parse.GetValue(domains) ?? []);
            if (only is null)
            {
                return ExitCodes.Usage;
            }

            var plan = saved ?? await session.PlanAsync(services, only, ct, restore: restoring.Length > 0);
            if (saved is null)
            {
                TextPlanRenderer.Render(services.Out, plan, services.Color);
            }

            if (plan.HasErrors)
            {
                await services.Error.WriteLineAsync("reconciler: the plan has errors; nothing was changed.");
                return ExitCodes.Errors;
            }

            if (!plan.HasChanges)
            {
                if (restoring.Length > 0)
                {
                    services.Out.WriteLine($"Nothing to restore: the DNS of {string.Join(", ", only)} matches its last-known-good.");
                }
                else if (saved is null)
                {
                    // In sync, as just read: that is the last-known-good the next plan compares live with.
                    await session.Journal.RecordKnownGoodAsync(null, plan, services.Clock.GetUtcNow(), ct);
                }

                return ExitCodes.Ok;
            }

            // A plan the safety policy blocks is refused before anyone is asked: a "yes" to it would only be refused.
            var blocked = plan.IsBlocked && !parse.GetValue(allow);
            if (saved is null && !blocked && !parse.GetValue(yes) && !await ConfirmAsync(services, plan))
            {
                await services.Error.WriteLineAsync("Nothing applied.");
                return ExitCodes.Errors;
            }

            var executor = new PlanExecutor(session.Providers, session.Journal, services.Clock, new ConsoleApplyObserver(services.Out, services.Color));
            var options = new ApplyOptions(parse.GetValue(allow), CheckFingerprints: saved is not null, FaultInjection.FromEnvironment());
            var result = await executor.ApplyAsync(plan, options, ct);
            if (restoring.Length > 0 && result.ApplyId is { } applyId)
            {
                await ReportRestoredAsync(services, plan, await session.Journal.StepsAsync(applyId, ct));
            }

            return Report(services, result);
        });
        return command;
    }

    private static async Task<bool> ConfirmAsync(CliServices services, Plan plan)
    {
        if (services.Input is null)
        {
            await services.Error.WriteLineAsync("reconciler: not a terminal; pass --yes to apply without confirmation.");
            return false;
        }

        await services.Out.WriteAsync($"Apply {plan.Steps.Count()} step(s)? Only 'yes' confirms: ");
        var answer = await services.Input.ReadLineAsync();
        return string.Equals(answer?.Trim(), "yes", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>What a restore put back, per domain: each record set from what was live to what is now.</summary>
    private static async Task ReportRestoredAsync(CliServices services, Plan plan, IReadOnlyList<JournalEntry> journaled)
    {
        var succeeded = journaled.Where(e => e.State == StepState.Succeeded).Select(e => (e.Domain, e.StepIndex)).ToHashSet();
        foreach (var d in plan.Domains.Where(d => d.HasChanges))
        {
            var restored = d.Steps.Where(s => succeeded.Contains((d.Domain, s.Index))).ToList();
            await services.Out.WriteLineAsync($"Restored {d.Domain}: {restored.Count} of {d.Steps.Count} record set(s)");
            foreach (var s in restored)
            {
                await services.Out.WriteLineAsync($"  {s.ResourceId}: {s.Before?.Describe() ?? "(absent)"} → {s.After?.Describe() ?? "(removed)"}");
            }
        }
    }

    private static int Report(CliServices services, ApplyResult result)
    {
        if (result.Refused)
        {
            services.Error.WriteLine($"reconciler: {result.Refusal}");
            return ExitCodes.Errors;
        }

        foreach (var d in result.Domains)
        {
            if (d.Stopped)
            {
                services.Error.WriteLine($"{d.Domain}: stopped before step {d.FailedStep} (interrupted); {d.Applied} step(s) before it are applied (journal apply #{result.ApplyId}). Run apply again to continue.");
            }
            else if (d.Failed)
            {
                services.Error.WriteLine($"{d.Domain}: step {d.FailedStep} failed: {d.Error}");
                // A resumed apply skips the steps an earlier run of the same plan finished; they are applied too.
                services.Error.WriteLine($"{d.Domain}: stopped there; {d.Applied + d.Skipped} step(s) before it are applied (journal apply #{result.ApplyId}). Fix the cause and run apply again.");
            }
            else if (d.WaitingUntil is { } until)
            {
                services.Out.WriteLine($"{d.Domain}: staged cutover; run apply again after {until.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC to finish it.");
            }
        }

        services.Out.WriteLine($"Apply: {result.Applied} step(s) applied and verified" + (result.Domains.Sum(d => d.Skipped) is > 0 and var s ? $", {s} already done before" : "") + ".");
        return result.Failed ? ExitCodes.Errors : ExitCodes.Ok;
    }
}

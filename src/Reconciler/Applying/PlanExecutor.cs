using System.Diagnostics;
using Reconciler.Planning;
using Reconciler.Providers;
using Reconciler.Reconciling;

namespace Reconciler.Applying;

/// <summary>
/// Runs a plan step by step: each step is journaled before and after, applied through its provider, and then read
/// back from the live system to check it took. A failed step stops its domain (the journal says exactly where);
/// a staged step stops its domain until its time; an apply of the same plan resumes where the last one stopped.
/// </summary>
public sealed class PlanExecutor(ProviderSet providers, Journal journal, TimeProvider clock, IApplyObserver? observer = null)
{
    private readonly LiveReader _live = new(providers);

    public async Task<ApplyResult> ApplyAsync(Plan plan, ApplyOptions options, CancellationToken ct)
    {
        if (plan.HasErrors)
        {
            var broken = plan.Domains.Where(d => d.Error is not null).Select(d => $"{d.Domain}: {d.Error}");
            return new ApplyResult(null, "the plan has errors; nothing was changed:\n  " + string.Join("\n  ", broken), []);
        }

        var blocked = plan.Steps.Where(s => s.Blocked is not null).ToList();
        if (blocked.Count > 0 && !options.AllowDestructive)
        {
            var lines = blocked.Select(s => $"{s.Domain} step {s.Index} {s.Action.ToString().ToLowerInvariant()} {s.ResourceId}: {s.Blocked}");
            return new ApplyResult(null, "blocked by the safety policy; nothing was changed (re-run with --allow-destructive to proceed):\n  " + string.Join("\n  ", lines), []);
        }

        var resumed = await journal.FindUnfinishedAsync(plan.Fingerprint, ct);
        var done = new HashSet<(string, int)>();
        var finishedAt = new Dictionary<(string, int), DateTimeOffset>();
        if (resumed is not null)
        {
            foreach (var e in await journal.StepsAsync(resumed.Id, ct))
            {
                if (e.State == StepState.Succeeded)
                {
                    done.Add((e.Domain, e.StepIndex));
                    finishedAt[(e.Domain, e.StepIndex)] = e.EndedAt ?? e.StartedAt ?? resumed.StartedAt;
                }
            }
        }
        else if (options.CheckFingerprints)
        {
            var changed = new List<string>();
            foreach (var d in plan.Domains.Where(d => d.HasChanges))
            {
                var live = await _live.ReadAsync(d.Domain, NullIfEmpty(d.DnsProvider), d.MailProvider, ct);
                if (live.Fingerprint != d.LiveFingerprint)
                {
                    changed.Add($"{d.Domain} (planned against {d.LiveFingerprint}, live is now {live.Fingerprint})");
                }
            }

            if (changed.Count > 0)
            {
                return new ApplyResult(null, "live state changed since the plan was made; nothing was changed. Run plan again:\n  " + string.Join("\n  ", changed), []);
            }
        }

        var applyId = resumed?.Id ?? await journal.BeginApplyAsync(plan, clock.GetUtcNow(), ct);
        var run = new Run(applyId, options, done, finishedAt);
        var domains = plan.Domains.Where(d => d.HasChanges).ToList();
        var outcomes = new DomainOutcome[domains.Count];

        // Domains are independent: they run side by side (steps within one domain stay in order). The journal is
        // one SQLite connection, so its writes are serialized; the providers lock per zone or per state folder.
        await Parallel.ForEachAsync(
            Enumerable.Range(0, domains.Count),
            new ParallelOptions { MaxDegreeOfParallelism = DomainParallelism },
            async (i, _) => outcomes[i] = await ApplyDomainAsync(domains[i], run, ct));

        // "stopped" (a shutdown between steps) is not a failure: the journal says the rest was never started.
        var result = outcomes.Any(o => o.Failed && !o.Stopped) ? "failed"
            : outcomes.Any(o => o.Stopped) ? "stopped"
            : outcomes.Any(o => o.WaitingUntil is not null) ? "waiting"
            : "succeeded";
        await journal.RecordKnownGoodAsync(applyId, plan, clock.GetUtcNow(), CancellationToken.None);
        await journal.EndApplyAsync(applyId, result, clock.GetUtcNow(), CancellationToken.None);
        return new ApplyResult(applyId, null, outcomes);
    }

    /// <summary>How many domains apply at once.</summary>
    public int DomainParallelism { get; init; } = 4;

    /// <summary>State shared by the domains of one apply.</summary>
    private sealed class Run(long applyId, ApplyOptions options, HashSet<(string, int)> done, Dictionary<(string, int), DateTimeOffset> finishedAt)
    {
        public long ApplyId { get; } = applyId;

        public ApplyOptions Options { get; } = options;

        public HashSet<(string, int)> Done { get; } = done;

        public Dictionary<(string, int), DateTimeOffset> FinishedAt { get; } = finishedAt;

        public SemaphoreSlim JournalGate { get; } = new(1, 1);

        public int StepsRun;

        public int StepsChanged;
    }

    private async Task<DomainOutcome> ApplyDomainAsync(DomainPlan domain, Run run, CancellationToken ct)
    {
        var applied = 0;
        var skipped = 0;
        DateTimeOffset? previousEnd = null;
        foreach (var step in domain.Steps)
        {
            if (run.Done.Contains((domain.Domain, step.Index)))
            {
                skipped++;
                previousEnd = run.FinishedAt[(domain.Domain, step.Index)];
                observer?.StepSkipped(step, "already applied (journal)");
                continue;
            }

            var readyAt = ReadyAt(step, previousEnd);
            if (readyAt is { } when && when > clock.GetUtcNow())
            {
                observer?.StepSkipped(step, $"not before {when:u}");
                return new DomainOutcome(domain.Domain, applied, skipped, when, null, null);
            }

            // Between steps is where a stop request is honoured: a step in flight always finishes and is journaled.
            if (ct.IsCancellationRequested)
            {
                return new DomainOutcome(domain.Domain, applied, skipped, null, step.Index, "stopped before this step (shutdown requested); apply again to continue", Stopped: true);
            }

            observer?.StepStarted(step);
            await JournalAsync(run, () => journal.StepStartedAsync(run.ApplyId, step, clock.GetUtcNow(), CancellationToken.None));
            if (run.Options.Faults.StepDelay is { } delay)
            {
                // Fault injection for the shutdown tests: a slow step. Like a real step it is not cancelled.
                await Task.Delay(delay, clock, CancellationToken.None);
            }

            var error = await RunStepAsync(step);
            if (error is null && run.Options.Faults.KillBeforeJournalAtStep is { } dieAt && Interlocked.Increment(ref run.StepsChanged) == dieAt)
            {
                // Fault injection for the crash-recovery tests: die like `kill -9` would, with the change made on the
                // live system but the journal still saying "started".
                Process.GetCurrentProcess().Kill();
            }

            var end = clock.GetUtcNow();
            await JournalAsync(run, () => journal.StepEndedAsync(run.ApplyId, step.Domain, step.Index, error is null ? StepState.Succeeded : StepState.Failed, error, end, CancellationToken.None));
            observer?.StepFinished(step, error is null ? StepState.Succeeded : StepState.Failed, error);
            if (error is not null)
            {
                return new DomainOutcome(domain.Domain, applied, skipped, null, step.Index, error);
            }

            applied++;
            previousEnd = end;
            if (run.Options.Faults.KillAfterSteps is { } kill && Interlocked.Increment(ref run.StepsRun) >= kill)
            {
                // Fault injection for the crash-recovery tests: die like `kill -9` would, journal already committed.
                Process.GetCurrentProcess().Kill();
            }
        }

        return new DomainOutcome(domain.Domain, applied, skipped, null, null, null);
    }

    private static async Task JournalAsync(Run run, Func<Task> write)
    {
        await run.JournalGate.WaitAsync();
        try
        {
            await write();
        }
        finally
        {
            run.JournalGate.Release();
        }
    }

    private static DateTimeOffset? ReadyAt(PlanStep step, DateTimeOffset? previousEnd) =>
        step.WaitAfterPrevious is { } wait && previousEnd is { } end ? end + wait : step.NotBefore;

    /// <summary>Applies one step and reads it back; null when it took, else what went wrong.</summary>
    private async Task<string?> RunStepAsync(PlanStep step)
    {
        // Steps are short; they run to the end even when a stop was requested, so the journal never lies.
        var ct = CancellationToken.None;
        try
        {
            switch (step.Role)
            {
                case ProviderRole.Dns when step.Resource is ZoneResource z:
                    if (step.Action != StepAction.Create)
                    {
                        return $"zones are never deleted by a plan ({z.Origin})";
                    }

                    await providers.Dns(step.Provider).CreateZoneAsync(z.Origin, ct);
                    break;
                case ProviderRole.Dns:
                {
                    var zone = ((RecordSetResource)step.Resource).Zone;
                    await providers.Dns(step.Provider).ApplyAsync(zone, (step.Before as RecordSetResource)?.Set, (step.After as RecordSetResource)?.Set, ct);
                    break;
                }

                default:
                    await providers.Mail(step.Provider).ApplyAsync(step.Domain, step.Before, step.After, ct);
                    break;
            }

            var live = await _live.ReadResourceAsync(step, ct);
            var took = step.After is null ? live is null : step.After.SameAs(live);
            return took ? null : $"{step.ResourceId} did not take: live shows {live?.Describe() ?? "nothing"} after the step";
        }
        catch (ProviderException e)
        {
            return e.Message;
        }
        catch (IOException e)
        {
            return $"{step.Provider}: {e.Message}";
        }
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}

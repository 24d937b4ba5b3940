using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Reconciler.Applying;
using Reconciler.Cli;
using Reconciler.Daemon.Adopting;
using Reconciler.GitOps;
using Reconciler.Planning;
using Reconciler.Providers;
using Reconciler.Reconciling;
using Reconciler.Schema;
using Reconciler.Schema.Model;

namespace Reconciler.Daemon;

/// <summary>
/// One reconcile pass over this replica's domains: sync the clone, load the portfolio, plan the domains that are due
/// (their manifest changed, their drift check or retry is due, or a staged step's time came), then per domain apply,
/// report drift, revert or propose adoption; finally publish what was decided (commits, notes, branches, alerts) and
/// remember it. Domains run in parallel, each under its own lock; applies share each provider's parallelism limit;
/// a failing domain only delays itself.
/// </summary>
public sealed class ReconcileEngine : IAsyncDisposable
{
    private readonly DaemonOptions _options;
    private readonly CliServices _services;
    private readonly GitRepository _repo;
    private readonly StateStore _store;
    private readonly StatusBoard _board;
    private readonly DaemonMetrics _metrics;
    private readonly IReadOnlyList<IApprovalSource> _approvals;
    private readonly IReadOnlyList<IAlertSink> _alerts;
    private readonly ILogger _log;
    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _domainLocks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, string> _applyKinds = new();
    private readonly SemaphoreSlim _tickGate = new(1, 1);
    private Dictionary<string, DomainState> _states = new(StringComparer.Ordinal);
    private ProviderSet? _providers;
    private Dictionary<string, SemaphoreSlim> _providerGates = new(StringComparer.Ordinal);
    private string? _providersKey;

    public ReconcileEngine(
        DaemonOptions options,
        CliServices services,
        GitRepository repo,
        StateStore store,
        StatusBoard board,
        DaemonMetrics metrics,
        IEnumerable<IApprovalSource> approvals,
        IEnumerable<IAlertSink> alerts,
        ILogger<ReconcileEngine> log)
    {
        _options = options;
        _services = services;
        _repo = repo;
        _store = store;
        _board = board;
        _metrics = metrics;
        _approvals = approvals.ToList();
        _alerts = alerts.ToList();
        _log = log;
        _clock = services.Clock;
    }

    /// <summary>Clones (or reopens) the repository and loads what the last run remembered.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        await _repo.EnsureClonedAsync(ct);
        _board.Cloned = true;
        _states = (await _store.LoadAsync(ct)).ToDictionary(s => s.Domain, StringComparer.Ordinal);
        foreach (var s in _states.Values.Where(s => _options.Shard.Owns(s.Domain)))
        {
            _board.Set(new DomainView(s, null, null, null));
        }
    }

    /// <summary>One pass. Ticks never overlap: a trigger during a pass just makes the loop run again after it.</summary>
    public async Task TickAsync(string reason, CancellationToken ct)
    {
        await _tickGate.WaitAsync(ct);
        var watch = Stopwatch.StartNew();
        try
        {
            await TickCoreAsync(reason, ct);
        }
        finally
        {
            _metrics.ObserveReconcile(watch.Elapsed);
            _board.LastTick = _clock.GetUtcNow();
            _tickGate.Release();
        }
    }

    private async Task TickCoreAsync(string reason, CancellationToken ct)
    {
        string head;
        try
        {
            head = await _repo.SyncAsync(ct);
            var fetchedAt = _clock.GetUtcNow();
            _board.Head = head;
            _board.LastFetch = fetchedAt;
            _board.LastFetchError = null;
            _metrics.Fetched(fetchedAt);
        }
        catch (GitException e)
        {
            _board.LastFetchError = e.Message;
            _log.LogError("Fetch failed: {Error}", e.Message);
            return;
        }

        var loaded = await _services.LoadPortfolioAsync(_repo.WorkTree, ct);
        var configErrors = loaded.Diagnostics.Where(d => d.IsError && d.Position.File.EndsWith(PortfolioLoader.ConfigFileName, StringComparison.Ordinal)).ToList();
        if (loaded.Portfolio is null || configErrors.Count > 0)
        {
            _board.PortfolioError = $"{PortfolioLoader.ConfigFileName} at {Short(head)} has errors; nothing is reconciled until it is fixed: " +
                                    string.Join("; ", configErrors.Take(3).Select(d => $"{d.Position}: {d.Message}"));
            _log.LogError("{Error}", _board.PortfolioError);
            return;
        }

        _board.PortfolioError = null;
        var portfolio = loaded.Portfolio;
        var providers = ProvidersFor(portfolio.Config);
        var now = _clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var brokenFiles = loaded.Diagnostics.Where(d => d.IsError).GroupBy(d => d.Position.File, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        var works = new List<DomainWork>();
        var due = new List<(DomainManifest Manifest, string Desired, DomainWork Work)>();
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var manifest in portfolio.Domains)
        {
            if (!_options.Shard.Owns(manifest.Domain))
            {
                continue;
            }

            present.Add(manifest.Domain);
            var previous = _states.GetValueOrDefault(manifest.Domain) ?? DomainState.New(manifest.Domain);
            var work = new DomainWork(previous) { ManifestFile = Relative(manifest.File) };
            works.Add(work);
            if (brokenFiles.TryGetValue(manifest.File, out var problem))
            {
                work.State = previous with { Status = DomainStatus.Invalid, Message = $"{problem.Position}: {problem.Message}", NextCheck = null };
                continue;
            }

            var (desired, diagnostics) = DesiredStateBuilder.Build(manifest, today);
            if (desired is null || diagnostics.Count > 0)
            {
                work.State = previous with { Status = DomainStatus.Invalid, Message = string.Join("; ", diagnostics.Select(d => d.ToString())), NextCheck = null };
                continue;
            }

            var fingerprint = DesiredFingerprint.Of(desired);
            // The change window is not part of the desired fingerprint (it changes nothing live), so an edit that
            // opens it early would otherwise wait for the old opening time: a held apply is due once its window is open.
            var windowOpened = previous.Status == DomainStatus.WaitingForWindow && ChangeWindowSchedule.IsOpen(manifest.Policy.ChangeWindow, now);
            if (fingerprint != previous.AttemptedDesired || previous.NextCheck is null || now >= previous.NextCheck || windowOpened)
            {
                due.Add((manifest, fingerprint, work));
            }
            else
            {
                work.Plan = _board.Find(manifest.Domain)?.Plan;
                work.DriftMarkdown = _board.Find(manifest.Domain)?.DriftMarkdown;
            }
        }

        works.AddRange(ForgetRemoved(present));

        if (due.Count > 0)
        {
            IReadOnlyList<CutoverWait> cutovers;
            IReadOnlyDictionary<string, KnownGood> knownGood;
            await using (var journal = await Journal.OpenAsync(_options.JournalPath, ct))
            {
                cutovers = await journal.CutoverWaitsAsync(ct);
                knownGood = await journal.KnownGoodAsync(ct);
            }

            var planner = new PortfolioPlanner(providers, _clock) { KnownGood = RestoresOnDrift(knownGood, due) };
            var plan = await planner.PlanAsync(portfolio, due.Select(d => d.Manifest.Domain).ToList(), cutovers, head, null, ct);
            var byDomain = plan.Domains.ToDictionary(d => d.Domain, StringComparer.Ordinal);
            await Task.WhenAll(due.Select(d => ProcessLockedAsync(d.Manifest, d.Desired, byDomain[d.Manifest.Domain], d.Work, portfolio, providers, ct)));
        }

        await PublishAsync(works, ct);
        _log.LogDebug("Tick ({Reason}) at {Head}: {Due} of {Total} domain(s) due", reason, Short(head), due.Count, works.Count);
    }

    /// <summary>
    /// A domain whose manifest is unchanged since it was last applied in full has drifted wherever live differs: all
    /// of that is a restore (applied at once by a revert, never staged), whatever the journal knows.
    /// </summary>
    private static Dictionary<string, KnownGood> RestoresOnDrift(IReadOnlyDictionary<string, KnownGood> journal, List<(DomainManifest Manifest, string Desired, DomainWork Work)> due)
    {
        var known = journal.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        foreach (var d in due.Where(d => d.Work.Previous.AppliedDesired == d.Desired))
        {
            known[d.Manifest.Domain] = (known.GetValueOrDefault(d.Manifest.Domain) ?? KnownGood.None) with { EverythingRestores = KnownGood.ManifestUnchanged };
        }

        return known;
    }

    private IEnumerable<DomainWork> ForgetRemoved(HashSet<string> present)
    {
        var gone = new List<DomainWork>();
        foreach (var state in _states.Values.Where(s => !present.Contains(s.Domain) && _options.Shard.Owns(s.Domain)).ToList())
        {
            var work = new DomainWork(state) { Forget = true };
            if (File.Exists(Path.Combine(_repo.WorkTree, RepoLayout.DriftMarkdown(state.Domain))))
            {
                work.Changes.Add(ClearDrift(state.Domain, "the domain was removed from Git"));
            }

            gone.Add(work);
        }

        // Domains another shard owns now (the shard count changed) are dropped from this replica's view only.
        foreach (var s in _states.Values.Where(s => !_options.Shard.Owns(s.Domain)))
        {
            _board.Remove(s.Domain);
        }

        return gone;
    }

    private async Task ProcessLockedAsync(DomainManifest manifest, string desired, DomainPlan plan, DomainWork work, Portfolio portfolio, ProviderSet providers, CancellationToken ct)
    {
        var gate = _domainLocks.GetOrAdd(manifest.Domain, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            await ProcessAsync(manifest, desired, plan, work, portfolio, providers, ct);
        }
        catch (Exception e) when (e is ProviderException or GitException or IOException or Secrets.SecretException)
        {
            work.State = Fail(work.State, e.Message);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task ProcessAsync(DomainManifest manifest, string desired, DomainPlan plan, DomainWork work, Portfolio portfolio, ProviderSet providers, CancellationToken ct)
    {
        var now = _clock.GetUtcNow();
        var domain = manifest.Domain;
        work.Plan = plan;
        var s = work.State with { AttemptedDesired = desired, LastChecked = now };
        work.State = s;
        if (plan.Error is not null)
        {
            work.State = Fail(s, plan.Error);
            return;
        }

        var desiredChanged = s.AppliedDesired != desired;
        if (!plan.HasChanges)
        {
            var commit = desiredChanged || s.AppliedCommit is null ? await ManifestCommitAsync(manifest, ct) : s.AppliedCommit;
            work.State = InSync(s, desired, commit, now);
            SettleDrift(work, manifest, "live matches Git again");
            return;
        }

        if (desiredChanged)
        {
            // Git changed: make live match it (overwriting any hand edit too: Git is the source of truth).
            await ApplyAsync("apply", manifest, desired, plan, work, portfolio, providers, ct);
            if (work.State.Status == DomainStatus.InSync)
            {
                SettleDrift(work, manifest, "Git's new state was applied");
            }

            return;
        }

        // Live moved away from what Git says and was applied: drift.
        var since = s.DriftSince ?? now;
        var report = DriftReport.Build(plan, s.AppliedCommit, since, manifest.Policy.OnDrift);
        work.DriftMarkdown = report.Markdown;
        if (s.DriftFingerprint != report.Fingerprint)
        {
            work.Changes.Add(new RepoChange(
                domain,
                new Dictionary<string, string?> { [RepoLayout.DriftMarkdown(domain)] = report.Markdown, [RepoLayout.DriftJson(domain)] = report.Json },
                DriftReport.CommitMessage(domain, report.Summary)));
            work.Alerts.Add(new DriftAlert(domain, s.DriftFingerprint is null ? "appeared" : "changed", report.Summary, since, Policy(manifest), RepoLayout.DriftMarkdown(domain), report.Markdown, now));
            _log.LogWarning("{Domain}: drift {Event}: {Summary}", domain, s.DriftFingerprint is null ? "appeared" : "changed", report.Summary);
        }

        work.State = s with
        {
            Status = DomainStatus.Drifted,
            Message = report.Summary + (manifest.Policy.OnDrift == DriftAction.Adopt ? $"; live values proposed on branch {RepoLayout.AdoptBranch(domain)}" : ""),
            DriftSince = since,
            DriftFingerprint = report.Fingerprint,
            DriftSummary = report.Summary,
            NextCheck = now + _options.DriftInterval,
            Failures = 0,
        };

        switch (manifest.Policy.OnDrift)
        {
            case DriftAction.Revert:
                var drifted = work.State;
                await ApplyAsync("revert", manifest, desired, plan, work, portfolio, providers, ct);
                if (work.State.Status == DomainStatus.InSync)
                {
                    work.State = work.State with { DriftFingerprint = drifted.DriftFingerprint, DriftSince = since, DriftSummary = report.Summary };
                    SettleDrift(work, manifest, "reverted to Git's state");
                }

                break;
            case DriftAction.Adopt:
                await ProposeAdoptionAsync(manifest, plan, work, ct);
                break;
        }
    }

    /// <summary>Removes a reported drift (report files, adopt branch) and alerts that it cleared.</summary>
    private void SettleDrift(DomainWork work, DomainManifest manifest, string how)
    {
        var s = work.State;
        if (s.DriftFingerprint is not null)
        {
            work.Changes.Add(ClearDrift(s.Domain, how));
            work.Alerts.Add(new DriftAlert(s.Domain, "cleared", $"{s.DriftSummary ?? "drift"}: {how}", s.DriftSince, Policy(manifest), null, null, _clock.GetUtcNow()));
            _log.LogInformation("{Domain}: drift cleared ({How})", s.Domain, how);
        }

        if (s.AdoptProposal is not null)
        {
            work.Proposal = new BranchProposal(s.Domain, RepoLayout.AdoptBranch(s.Domain), "", null, "", null);
        }

        work.State = s with { DriftFingerprint = null, DriftSince = null, DriftSummary = null, AdoptProposal = null };
        work.DriftMarkdown = null;
    }

    private static RepoChange ClearDrift(string domain, string how) => new(
        domain,
        new Dictionary<string, string?> { [RepoLayout.DriftMarkdown(domain)] = null, [RepoLayout.DriftJson(domain)] = null },
        DriftReport.ClearedMessage(domain, how));

    private async Task ApplyAsync(string kind, DomainManifest manifest, string desired, DomainPlan plan, DomainWork work, Portfolio portfolio, ProviderSet providers, CancellationToken ct)
    {
        var now = _clock.GetUtcNow();
        var s = work.State;
        var window = manifest.Policy.ChangeWindow;
        if (!ChangeWindowSchedule.IsOpen(window, now))
        {
            var opens = ChangeWindowSchedule.NextOpening(window, now);

            // A held revert keeps the drift checks going (the drift may change or clear meanwhile); the revert itself
            // is tried again by the first check after the window opens.
            var next = kind == "revert" && now + _options.DriftInterval < opens ? now + _options.DriftInterval : opens;
            work.State = s with { Status = kind == "revert" ? DomainStatus.Drifted : DomainStatus.WaitingForWindow, Message = $"{(kind == "revert" ? s.Message + "; revert" : "apply")} held until the change window opens at {opens:yyyy-MM-dd HH:mm} UTC", NextCheck = next };
            return;
        }

        var fingerprint = DriftReport.PlanFingerprint(plan);
        var allowDestructive = false;
        if (plan.IsBlocked)
        {
            Approval? approval = null;
            foreach (var source in _approvals)
            {
                approval ??= await source.FindAsync(manifest.Domain, fingerprint, ct);
            }

            if (approval is null)
            {
                var why = string.Join("; ", plan.Steps.Where(x => x.Blocked is not null).Select(x => x.Blocked).Distinct().Take(2));
                work.State = s with
                {
                    Status = DomainStatus.WaitingForApproval,
                    Message = $"waiting for approval of plan {fingerprint} ({why}); approve it in {RepoLayout.Approval(manifest.Domain)} with fingerprint: {fingerprint}",
                    PendingPlan = fingerprint,
                    NextCheck = now + _options.PollInterval,
                };
                return;
            }

            _log.LogInformation("{Domain}: plan {Fingerprint} approved by {By} ({Source})", manifest.Domain, fingerprint, approval.ApprovedBy, approval.Source);
            allowDestructive = true;
        }

        if (plan.Steps[0].NotBefore is { } notBefore && notBefore > now)
        {
            work.State = s with { Status = DomainStatus.WaitingForCutover, Message = $"staged cutover: next step not before {notBefore:yyyy-MM-dd HH:mm:ss} UTC", NextCheck = notBefore };
            return;
        }

        var commit = await ManifestCommitAsync(manifest, ct);
        var gates = new[] { plan.DnsProvider, plan.MailProvider }
            .Where(p => !string.IsNullOrEmpty(p) && _providerGates.ContainsKey(p))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(p => _providerGates[p!])
            .ToList();
        foreach (var g in gates)
        {
            await g.WaitAsync(ct);
        }

        ApplyResult result;
        try
        {
            await using var journal = await Journal.OpenAsync(_options.JournalPath, ct);
            var executor = new PlanExecutor(providers, journal, _clock, new DaemonApplyObserver(_log));
            _log.LogInformation("{Domain}: {Kind} of {Steps} step(s) from {Commit}", manifest.Domain, kind, plan.Steps.Count, Short(commit));
            result = await executor.ApplyAsync(new Plan(now, portfolio.Root, commit, [plan]), new ApplyOptions(allowDestructive, CheckFingerprints: false, _options.Faults), ct);
        }
        finally
        {
            foreach (var g in gates)
            {
                g.Release();
            }
        }

        if (result.ApplyId is { } id)
        {
            _applyKinds[id] = kind;
        }

        if (result.Refused)
        {
            work.State = Fail(s, result.Refusal!);
            return;
        }

        var outcome = result.Domains.Single();
        _metrics.CountSteps("succeeded", outcome.Applied);
        _metrics.CountSteps("skipped", outcome.Skipped);
        if (outcome.Stopped)
        {
            // Shutdown between two steps: not a failure (no backoff); the next pass or start plans the rest from live.
            _log.LogInformation("{Domain}: {Kind} stopped for shutdown after {Applied} step(s); the rest is applied on the next start", manifest.Domain, kind, outcome.Applied);
            work.State = s with { Message = $"{kind} stopped by a shutdown after {outcome.Applied} step(s); continues on the next pass", NextCheck = now, LastApplied = _clock.GetUtcNow() };
            return;
        }

        if (outcome.Failed)
        {
            _metrics.CountSteps("failed", 1);
            work.State = Fail(s, $"step {outcome.FailedStep} failed: {outcome.Error}");
            return;
        }

        var end = _clock.GetUtcNow();
        if (outcome.WaitingUntil is { } until)
        {
            work.State = s with { Status = DomainStatus.WaitingForCutover, Message = $"staged cutover: {outcome.Applied} step(s) applied; the rest not before {until:yyyy-MM-dd HH:mm:ss} UTC", NextCheck = until, Failures = 0, LastApplied = end };
            return;
        }

        _metrics.Applied(end);
        work.State = InSync(s, desired, commit, end) with { LastApplied = end };
    }

    private async Task ProposeAdoptionAsync(DomainManifest manifest, DomainPlan plan, DomainWork work, CancellationToken ct)
    {
        var path = Path.GetFullPath(manifest.File);
        var text = await File.ReadAllTextAsync(path, ct);
        var result = ManifestAdopter.Adopt(text, path, plan, (uint)manifest.Dns.Ttl);
        if (result.Adopted.Count == 0)
        {
            work.State = work.State with { Message = work.State.Message + "; nothing could be adopted automatically: " + string.Join("; ", result.NotAdopted) };
            return;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(result.Text)))[..16];
        if (hash == work.State.AdoptProposal)
        {
            return;
        }

        var message = $"adopt({manifest.Domain}): take {string.Join(", ", result.Adopted.Take(3))}{(result.Adopted.Count > 3 ? $" and {result.Adopted.Count - 3} more" : "")} from live";
        if (result.NotAdopted.Count > 0)
        {
            message += "\n\nNot adopted (edit by hand):\n" + string.Join("\n", result.NotAdopted.Select(n => "- " + n));
        }

        work.Proposal = new BranchProposal(manifest.Domain, RepoLayout.AdoptBranch(manifest.Domain), Relative(manifest.File), result.Text, message, hash);
        work.State = work.State with { AdoptProposal = hash };
    }

    /// <summary>Commits and pushes what the domains decided, writes apply notes, then alerts and remembers.</summary>
    private async Task PublishAsync(List<DomainWork> works, CancellationToken ct)
    {
        var committed = new List<DomainWork>();
        foreach (var work in works.Where(w => w.Changes.Count > 0))
        {
            try
            {
                foreach (var change in work.Changes)
                {
                    foreach (var (path, content) in change.Files)
                    {
                        var full = Path.Combine(_repo.WorkTree, path);
                        if (content is null)
                        {
                            File.Delete(full);
                        }
                        else
                        {
                            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                            await File.WriteAllTextAsync(full, content, ct);
                        }
                    }

                    await _repo.CommitAsync(change.Files.Keys.ToList(), change.Message, ct);
                }

                committed.Add(work);
            }
            catch (GitException e)
            {
                _log.LogError("{Domain}: cannot commit: {Error}", work.State.Domain, e.Message);
                Unpublished(work);
            }
        }

        if (committed.Count > 0)
        {
            try
            {
                await _repo.PushAsync(ct);
                _board.LastPushError = null;
            }
            catch (GitException e)
            {
                _board.LastPushError = e.Message;
                _log.LogError("Push failed; drift reports are written again next tick: {Error}", e.Message);
                committed.ForEach(Unpublished);
            }
        }

        await NoteAppliesAsync(ct);

        foreach (var work in works.Where(w => w.Proposal is not null))
        {
            var p = work.Proposal!;
            try
            {
                if (p.Content is null)
                {
                    await _repo.DeleteRemoteBranchAsync(p.Branch, ct);
                }
                else
                {
                    await _repo.PushFileOnBranchAsync(p.Branch, p.Path, p.Content, p.Message, ct);
                    _log.LogInformation("{Domain}: live values proposed on branch {Branch}", p.Domain, p.Branch);
                }
            }
            catch (GitException e)
            {
                _log.LogError("{Domain}: cannot update branch {Branch}: {Error}", p.Domain, p.Branch, e.Message);
                work.State = work.State with { AdoptProposal = work.Previous.AdoptProposal };
            }
        }

        foreach (var work in works)
        {
            foreach (var alert in work.Alerts)
            {
                foreach (var sink in _alerts)
                {
                    await sink.SendAsync(alert, ct);
                }
            }
        }

        var changed = new List<DomainState>();
        foreach (var work in works)
        {
            if (work.Forget)
            {
                _states.Remove(work.State.Domain);
                _board.Remove(work.State.Domain);
                await _store.ForgetAsync(work.State.Domain, ct);
                continue;
            }

            _states[work.State.Domain] = work.State;
            _board.Set(new DomainView(work.State, work.Plan, work.DriftMarkdown, work.ManifestFile));
            if (!ReferenceEquals(work.State, work.Previous))
            {
                changed.Add(work.State);
            }
        }

        await _store.SaveAsync(changed, ct);
    }

    /// <summary>A domain whose commit did not reach the remote: forget that it was reported, so the next tick writes it again.</summary>
    private static void Unpublished(DomainWork work)
    {
        work.State = work.State with { DriftFingerprint = work.Previous.DriftFingerprint };
        work.Alerts.Clear();
    }

    /// <summary>
    /// Writes a git note for every journal apply that has none yet: the ones of this tick, and any the daemon could
    /// not note before it stopped or was killed (those are recorded as interrupted), so journal and notes agree.
    /// </summary>
    private async Task NoteAppliesAsync(CancellationToken ct)
    {
        var noted = await _store.NotedAppliesAsync(ct);
        var written = new List<long>();
        await using (var journal = await Journal.OpenAsync(_options.JournalPath, ct))
        {
            foreach (var apply in await journal.AppliesAsync(ct))
            {
                if (noted.Contains(apply.Id))
                {
                    continue;
                }

                var steps = await journal.StepsAsync(apply.Id, ct);
                if (apply.Commit is null || steps.Count == 0)
                {
                    written.Add(apply.Id);
                    continue;
                }

                var note = new ApplyNote(
                    steps[0].Domain,
                    _applyKinds.GetValueOrDefault(apply.Id, "apply"),
                    apply.Id,
                    apply.Result ?? "interrupted",
                    apply.StartedAt,
                    apply.EndedAt ?? steps.Max(x => x.EndedAt ?? x.StartedAt),
                    _options.Version,
                    steps.Select(x => new ApplyNoteStep(x.StepIndex, x.Action, x.Resource, x.State.ToString().ToLowerInvariant(), x.Error)).ToList());
                try
                {
                    await _repo.AddNoteLineAsync(apply.Commit, note.ToLine(), ct);
                    written.Add(apply.Id);
                }
                catch (GitException e)
                {
                    _log.LogError("Cannot note apply #{Id} on {Commit}: {Error}", apply.Id, Short(apply.Commit), e.Message);
                }
            }
        }

        if (written.Count == 0)
        {
            return;
        }

        try
        {
            await _repo.PushNotesAsync(ct);
            await _store.MarkNotedAsync(written, ct);
        }
        catch (GitException e)
        {
            _log.LogError("Cannot push apply notes (tried again next tick): {Error}", e.Message);
        }
    }

    private DomainState Fail(DomainState s, string error)
    {
        var failures = s.Failures + 1;
        var delay = Backoff.Delay(failures, _options.PollInterval, _options.MaxBackoff);
        _log.LogWarning("{Domain}: failed ({Failures} in a row), next try in {Delay}: {Error}", s.Domain, failures, delay, error);
        return s with { Status = DomainStatus.Failing, Message = error, Failures = failures, NextCheck = _clock.GetUtcNow() + delay };
    }

    private DomainState InSync(DomainState s, string desired, string? commit, DateTimeOffset now) => s with
    {
        Status = DomainStatus.InSync,
        Message = null,
        AppliedDesired = desired,
        AppliedCommit = commit,
        Failures = 0,
        PendingPlan = null,
        NextCheck = now + _options.DriftInterval,
    };

    /// <summary>The newest commit that changed what this domain's desired state is made of.</summary>
    private async Task<string?> ManifestCommitAsync(DomainManifest manifest, CancellationToken ct) =>
        await _repo.LastCommitTouchingAsync([Relative(manifest.File), "templates", PortfolioLoader.ConfigFileName], ct);

    private ProviderSet ProvidersFor(PortfolioConfig config)
    {
        var key = File.Exists(Path.Combine(config.Directory, PortfolioLoader.ConfigFileName))
            ? Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(config.Directory, PortfolioLoader.ConfigFileName))))
            : "";
        if (_providers is null || key != _providersKey)
        {
            _providers = _services.CreateProviders(config);
            _providerGates = config.Providers.ToDictionary(p => p.Key, p => new SemaphoreSlim(Math.Max(1, p.Value.Parallelism)), StringComparer.Ordinal);
            _providersKey = key;
        }

        return _providers;
    }

    private string Relative(string file) => Path.GetRelativePath(_repo.WorkTree, Path.GetFullPath(file)).Replace('\\', '/');

    private static string Policy(DomainManifest m) => m.Policy.OnDrift.ToString().ToLowerInvariant();

    private static string Short(string? sha) => sha is null ? "(none)" : sha[..Math.Min(12, sha.Length)];

    public ValueTask DisposeAsync()
    {
        _tickGate.Dispose();
        return ValueTask.CompletedTask;
    }
}

using System.Diagnostics;
using Polly;
using Polly.Retry;

namespace Reconciler.Migration;

/// <summary>
/// Runs a migration job: the public face of IMAP migration.
/// <list type="bullet">
/// <item>Mailboxes run <see cref="MigrationJob.Parallelism"/> at a time, each as a unit with its own connections.</item>
/// <item>A unit that hits a transient error (lost connection, busy server) is retried with exponential backoff
/// (Polly); wrong credentials or certificates fail at once. A unit that fails for good is reported with the reason
/// and the others go on.</item>
/// <item>Per folder, each batch (one source FETCH streamed into one destination MULTIAPPEND) is checkpointed in
/// SQLite once the destination confirms it, so a rerun after a crash or Ctrl-C copies only what is missing. The
/// stretch between the destination's OK and the commit is covered by comparing, on resume, what is about to be
/// copied with what arrived in the destination after the last recorded batch (Message-ID or hash, and size).</item>
/// <item>Flags (\Seen \Answered \Flagged \Draft, keywords) and internal dates are carried; \Deleted messages are
/// skipped unless the job says otherwise.</item>
/// <item>Finally every destination folder is verified against its source folders.</item>
/// </list>
/// </summary>
public sealed class MigrationRunner
{
    private readonly MigrationJob _job;
    private readonly IMigrationObserver _observer;
    private readonly TimeProvider _clock;

    public MigrationRunner(MigrationJob job, IMigrationObserver observer, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(observer);
        ArgumentNullException.ThrowIfNull(clock);
        _job = job;
        _observer = observer;
        _clock = clock;
    }

    /// <summary>The job's mailboxes a run with <paramref name="names"/> covers; unknown names are returned in <paramref name="unknown"/>.</summary>
    public static IReadOnlyList<MailboxPair> Select(MigrationJob job, IReadOnlyList<string> names, out IReadOnlyList<string> unknown)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(names);
        if (names.Count == 0)
        {
            unknown = [];
            return job.Mailboxes;
        }

        unknown = [.. names.Where(n => job.Mailboxes.All(m => m.Name != n))];
        return [.. job.Mailboxes.Where(m => names.Contains(m.Name))];
    }

    public async Task<MigrationReport> RunAsync(MigrationRunOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var started = _clock.GetUtcNow();
        var clock = Stopwatch.StartNew();
        var mailboxes = Select(_job, options.Mailboxes, out var unknown);
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"The job has no mailbox named {string.Join(", ", unknown.Select(u => $"'{u}'"))}.", nameof(options));
        }

        // One run per checkpoint file at a time (an advisory lock; the kernel drops it when the process dies).
        using var runLock = options.DryRun ? null : Lock(_job.CheckpointPath);
        await using var store = options.DryRun
            ? await CheckpointStore.OpenReadOnlyAsync(_job.CheckpointPath, _clock, ct).ConfigureAwait(false)
            : await CheckpointStore.OpenAsync(_job.CheckpointPath, _clock, ct).ConfigureAwait(false);
        var progress = mailboxes.Select(m => new MailboxProgress(m.Name)).ToArray();
        var results = new MailboxResult[mailboxes.Count];
        var verify = !options.DryRun && (options.Verify ?? _job.Verify);

        // Not cancelled through ParallelOptions: every mailbox must still produce its (interrupted) result.
        await Parallel.ForEachAsync(
            Enumerable.Range(0, mailboxes.Count),
            new ParallelOptions { MaxDegreeOfParallelism = _job.Parallelism },
            async (i, _) => results[i] = await RunMailboxAsync(mailboxes[i], progress[i], store, options.DryRun, verify, ct)
                .ConfigureAwait(false)).ConfigureAwait(false);

        return new MigrationReport
        {
            JobName = _job.Name,
            DryRun = options.DryRun,
            Started = started,
            Duration = clock.Elapsed,
            Mailboxes = results,
            Usage = ProcessUsage.Current(),
        };
    }

    private static FileStream Lock(string checkpointPath)
    {
        var path = checkpointPath + ".lock";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new CheckpointLockedException(
                $"Another migrate run is using {checkpointPath} (locked through {path}); wait for it to finish or stop it.", e);
        }
    }

    private async Task<MailboxResult> RunMailboxAsync(
        MailboxPair pair, MailboxProgress progress, CheckpointStore store, bool dryRun, bool verify, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        _observer.MailboxStarted(progress);
        MailboxMigration? last = null;
        var attempts = 0;
        MailboxStatus status;
        string? reason = null;
        try
        {
            ct.ThrowIfCancellationRequested();
            await RetryPipeline(progress, ct).ExecuteAsync(async token =>
            {
                attempts++;
                progress.BeginAttempt(attempts);
                var attempt = new MailboxMigration(_job, pair, store, progress, _observer, dryRun, verify);
                last = attempt;
                await using (attempt.ConfigureAwait(false))
                {
                    await attempt.RunAsync(token).ConfigureAwait(false);
                }
            }, ct).ConfigureAwait(false);

            var mismatched = last!.Verification.Where(v => !v.Matches).ToList();
            var refused = last.Rejected;
            if (dryRun)
            {
                status = MailboxStatus.Planned;
            }
            else if (refused.Count > 0)
            {
                status = MailboxStatus.Failed;
                var first = refused[0];
                reason = $"the destination refused {refused.Count} message{(refused.Count == 1 ? "" : "s")} (the others were copied; " +
                         $"a rerun tries them again), e.g. '{first.SourceFolder}' UID {first.Uid} {first.MessageId}: {first.Reason}";
            }
            else if (mismatched.Count > 0)
            {
                status = MailboxStatus.VerificationFailed;
                reason = "verification found differences: " + string.Join("; ", mismatched.Select(v =>
                    $"'{v.DestinationFolder}' has {v.Found} messages, expected {v.Expected} ({v.Missing} missing, {v.Extra} extra)"));
            }
            else
            {
                status = MailboxStatus.Succeeded;
            }
        }
        catch (Exception) when (ct.IsCancellationRequested)
        {
            status = MailboxStatus.Interrupted;
            reason = "interrupted; a rerun resumes from the checkpoint";
        }
        catch (Exception ex)
        {
            status = MailboxStatus.Failed;
            reason = ex.Message + (attempts > 1 ? $" (gave up after {attempts} tries)" : "");
        }

        progress.SetStatus(status);
        var result = new MailboxResult
        {
            Name = pair.Name,
            Status = status,
            Reason = reason,
            Attempts = attempts,
            CopiedMessages = progress.CopiedMessages,
            CopiedBytes = progress.CopiedBytes,
            Duration = clock.Elapsed,
            PlanTime = progress.PlanTime,
            CopyTime = progress.CopyTime,
            VerifyTime = progress.VerifyTime,
            Folders = last?.Plans ?? [],
            SkippedFolders = last?.SkippedFolders ?? [],
            Verification = last?.Verification ?? [],
            RejectedMessages = last?.Rejected ?? [],
        };
        _observer.MailboxFinished(progress, result);
        return result;
    }

    private ResiliencePipeline RetryPipeline(MailboxProgress progress, CancellationToken runToken)
    {
        if (_job.Retry.Attempts <= 1)
        {
            return ResiliencePipeline.Empty;
        }

        return new ResiliencePipelineBuilder { TimeProvider = _clock }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = _job.Retry.Attempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _job.Retry.Delay,
                MaxDelay = _job.Retry.MaxDelay,
                ShouldHandle = args => ValueTask.FromResult(
                    !runToken.IsCancellationRequested && args.Outcome.Exception is { } e && MailboxStepException.IsTransientError(e)),
                OnRetry = args =>
                {
                    progress.SetStatus(MailboxStatus.Retrying);
                    _observer.MailboxRetrying(progress, args.AttemptNumber + 2, args.RetryDelay, args.Outcome.Exception!.Message);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }
}

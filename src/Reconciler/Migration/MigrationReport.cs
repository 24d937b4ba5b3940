namespace Reconciler.Migration;

/// <summary>The outcome of a run: every mailbox's result, totals, and the exit code they imply.</summary>
public sealed record MigrationReport
{
    public string? JobName { get; init; }

    public bool DryRun { get; init; }

    public required DateTimeOffset Started { get; init; }

    public required TimeSpan Duration { get; init; }

    public required IReadOnlyList<MailboxResult> Mailboxes { get; init; }

    /// <summary>CPU time and peak memory of this process when the run ended.</summary>
    public ProcessUsage? Usage { get; init; }

    public long CopiedMessages => Mailboxes.Sum(m => m.CopiedMessages);

    public long CopiedBytes => Mailboxes.Sum(m => m.CopiedBytes);

    public int Succeeded => Mailboxes.Count(m => m.IsSuccess);

    public int Failed => Mailboxes.Count(m => !m.IsSuccess);

    public int ExitCode =>
        Mailboxes.Any(m => m.Status == MailboxStatus.Interrupted) ? MigrationExitCodes.Interrupted
        : Failed == 0 ? MigrationExitCodes.Ok
        : Succeeded == 0 ? MigrationExitCodes.Failed
        : MigrationExitCodes.Partial;
}

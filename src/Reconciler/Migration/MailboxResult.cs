namespace Reconciler.Migration;

/// <summary>How one mailbox ended: its status, why it failed if it did, what was copied and what verification found.</summary>
public sealed record MailboxResult
{
    public required string Name { get; init; }

    public required MailboxStatus Status { get; init; }

    /// <summary>For a failure: what was being done and the error, worded for the operator.</summary>
    public string? Reason { get; init; }

    public int Attempts { get; init; }

    /// <summary>Confirmed by the destination during this run.</summary>
    public long CopiedMessages { get; init; }

    public long CopiedBytes { get; init; }

    public TimeSpan Duration { get; init; }

    /// <summary>Time spent planning (listing, reading metadata, comparing), over all attempts.</summary>
    public TimeSpan PlanTime { get; init; }

    public TimeSpan CopyTime { get; init; }

    public TimeSpan VerifyTime { get; init; }

    /// <summary>The plans of the last attempt (with --dry-run: what would be copied).</summary>
    public IReadOnlyList<FolderPlan> Folders { get; init; } = [];

    /// <summary>Source folders not copied, with the reason (rules, Gmail views).</summary>
    public IReadOnlyList<FolderMapping> SkippedFolders { get; init; } = [];

    public IReadOnlyList<FolderVerification> Verification { get; init; } = [];

    /// <summary>Messages the destination refused one by one (the rest of the mailbox went through).</summary>
    public IReadOnlyList<RejectedMessage> RejectedMessages { get; init; } = [];

    public bool IsSuccess => Status is MailboxStatus.Succeeded or MailboxStatus.Planned;
}

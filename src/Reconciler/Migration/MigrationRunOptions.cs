namespace Reconciler.Migration;

/// <summary>How to run a job this time (command-line switches on top of the job file).</summary>
public sealed record MigrationRunOptions
{
    /// <summary>Log in and plan only; nothing is created, copied or checkpointed.</summary>
    public bool DryRun { get; init; }

    /// <summary>Overrides the job's <c>verify</c> when set.</summary>
    public bool? Verify { get; init; }

    /// <summary>Only the mailboxes with these names (empty: all).</summary>
    public IReadOnlyList<string> Mailboxes { get; init; } = [];
}

namespace Reconciler.Migration;

/// <summary>
/// A migration job as read from its YAML file (see migration-job.schema.json for what each setting means).
/// Paths in it are already absolute; secrets are references, resolved only when a login needs them.
/// </summary>
public sealed record MigrationJob
{
    /// <summary>The job file, for messages and for resolving relative paths.</summary>
    public required string File { get; init; }

    public string? Name { get; init; }

    public required MigrationServer Source { get; init; }

    public required MigrationServer Destination { get; init; }

    public required IReadOnlyList<MailboxPair> Mailboxes { get; init; }

    public FolderRules Folders { get; init; } = new();

    public DateOnly? Since { get; init; }

    public DateOnly? Before { get; init; }

    public bool IncludeDeleted { get; init; }

    public int Parallelism { get; init; } = 4;

    public int BatchSize { get; init; } = 200;

    public long BatchBytes { get; init; } = 64L * 1024 * 1024;

    public RetrySettings Retry { get; init; } = new();

    public bool Verify { get; init; } = true;

    /// <summary>Absolute path of the checkpoint database.</summary>
    public required string CheckpointPath { get; init; }
}

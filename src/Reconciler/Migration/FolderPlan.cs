namespace Reconciler.Migration;

/// <summary>
/// What copying one source folder into one destination folder involves right now: what is copied, what was copied
/// before, and what is skipped and why. A dry run prints these; a run executes them.
/// </summary>
public sealed record FolderPlan
{
    /// <summary>Source folder as a '/' path.</summary>
    public required string SourceFolder { get; init; }

    /// <summary>Destination folder as a '/' path.</summary>
    public required string DestinationFolder { get; init; }

    /// <summary>The name on the source server (its separator).</summary>
    public required string SourceName { get; init; }

    /// <summary>The name on the destination server (its separator).</summary>
    public required string DestinationName { get; init; }

    public required uint UidValidity { get; init; }

    /// <summary>Highest UID seen in the source folder while planning; the folder's checkpoint ends there.</summary>
    public required uint MaxUid { get; init; }

    public required int SourceMessages { get; init; }

    /// <summary>Messages this folder contributes to the destination after every filter (verification expects these).</summary>
    public required int Expected { get; init; }

    public int SkippedDeleted { get; init; }

    public int SkippedOutsideDates { get; init; }

    /// <summary>Messages an earlier folder already puts there (Gmail labels, or several folders merged into one).</summary>
    public int SkippedDuplicates { get; init; }

    /// <summary>Copied by an earlier run (at or below the checkpoint).</summary>
    public int AlreadyCopied { get; init; }

    /// <summary>Found in the destination although no checkpoint records them (an earlier run's last batch, a
    /// UIDVALIDITY change, or a first copy into a non-empty folder).</summary>
    public int AlreadyInDestination { get; init; }

    public required IReadOnlyList<PlannedMessage> Messages { get; init; }

    public long BytesToCopy { get; init; }

    public int ToCopy => Messages.Count;

    public bool DestinationExists { get; init; }

    /// <summary>Why the plan differs from a plain resume (e.g. "UIDVALIDITY changed"), for the report.</summary>
    public string? Note { get; init; }

    /// <summary>The checkpoint the copy starts from, or null for a folder never copied (or restarted).</summary>
    public FolderCheckpoint? Checkpoint { get; init; }

    /// <summary>Compare with the whole destination folder on resume until this folder completes.</summary>
    public bool FullDeduplication { get; init; }

    /// <summary>UID and size of every message the destination should hold from this folder (for verification).</summary>
    internal IReadOnlyList<(uint Uid, long Size)> ExpectedMessages { get; init; } = [];

    /// <summary>Message-IDs learnt so far by UID (null: the message has none); filled further by the copy.</summary>
    internal Dictionary<uint, string?> MessageIds { get; init; } = [];

    /// <summary>Source UIDs the destination refused in earlier runs (tried again in this one).</summary>
    internal IReadOnlySet<uint> PreviouslyRejected { get; init; } = new HashSet<uint>();

    /// <summary>Messages the destination refused during this run.</summary>
    internal List<RejectedMessage> Rejected { get; } = [];

    /// <summary>Content hashes of messages without Message-ID, by UID.</summary>
    internal Dictionary<uint, string> Hashes { get; init; } = [];
}

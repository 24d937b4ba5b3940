namespace Reconciler.Migration.Imap;

/// <summary>The state of the selected mailbox as SELECT/EXAMINE reported it (and as later untagged data updated it).</summary>
public sealed record ImapMailbox
{
    public required string Name { get; init; }

    public bool ReadOnly { get; init; }

    /// <summary>0 when the server did not send one (then UIDs cannot be trusted across sessions).</summary>
    public uint UidValidity { get; init; }

    public uint? UidNext { get; init; }

    public uint Exists { get; init; }

    public uint Recent { get; init; }

    public ImapMessageFlags Flags { get; init; }

    public IReadOnlyList<string> Keywords { get; init; } = [];

    public ImapMessageFlags PermanentFlags { get; init; }

    public IReadOnlyList<string> PermanentKeywords { get; init; } = [];

    /// <summary>PERMANENTFLAGS held "\*": new keywords can be stored.</summary>
    public bool CanCreateKeywords { get; init; }

    public ulong? HighestModSeq { get; init; }
}

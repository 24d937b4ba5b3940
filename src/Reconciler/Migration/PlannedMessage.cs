using Reconciler.Migration.Imap;

namespace Reconciler.Migration;

/// <summary>A source message to copy, with what its copy must carry (used when the fetch does not repeat it).</summary>
public readonly record struct PlannedMessage(
    uint Uid, long Size, ImapMessageFlags Flags, IReadOnlyList<string> Keywords, DateTimeOffset? InternalDate);

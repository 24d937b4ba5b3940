namespace Reconciler.Migration.Imap;

/// <summary>Metadata of one message from a UID FETCH; items not asked for are null.</summary>
public sealed record ImapMessageSummary
{
    public required uint Uid { get; init; }

    public ImapMessageFlags? Flags { get; init; }

    /// <summary>Keywords (user flags) that came with FLAGS; empty when none or not fetched.</summary>
    public IReadOnlyList<string> Keywords { get; init; } = [];

    public DateTimeOffset? InternalDate { get; init; }

    public long? Size { get; init; }

    /// <summary>The Message-ID header value (with angle brackets), or null when absent or not fetched.</summary>
    public string? MessageId { get; init; }
}

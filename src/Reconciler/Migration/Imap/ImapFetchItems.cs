namespace Reconciler.Migration.Imap;

/// <summary>Message data to ask for in a UID FETCH (the UID is always fetched).</summary>
[Flags]
public enum ImapFetchItems
{
    None = 0,
    Flags = 1,
    InternalDate = 2,
    Size = 4,

    /// <summary>The Message-ID header, via BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)] (does not set \Seen).</summary>
    MessageId = 8,

    /// <summary>Flags, internal date and size: what a copy needs besides the body.</summary>
    Metadata = Flags | InternalDate | Size,
}

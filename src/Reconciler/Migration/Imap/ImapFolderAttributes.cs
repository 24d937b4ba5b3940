namespace Reconciler.Migration.Imap;

/// <summary>Mailbox attributes from LIST (RFC 3501, RFC 5258 children, RFC 6154 special-use).</summary>
[Flags]
public enum ImapFolderAttributes
{
    None = 0,
    NoInferiors = 1 << 0,
    NoSelect = 1 << 1,
    Marked = 1 << 2,
    Unmarked = 1 << 3,
    HasChildren = 1 << 4,
    HasNoChildren = 1 << 5,
    NonExistent = 1 << 6,
    Subscribed = 1 << 7,
    Remote = 1 << 8,
    All = 1 << 9,
    Archive = 1 << 10,
    Drafts = 1 << 11,
    Flagged = 1 << 12,
    Junk = 1 << 13,
    Sent = 1 << 14,
    Trash = 1 << 15,
    Important = 1 << 16,
}

namespace Reconciler.Migration.Imap;

/// <summary>The IMAP system flags. Keywords (user-defined flags) are carried separately as strings.</summary>
[Flags]
public enum ImapMessageFlags
{
    None = 0,
    Seen = 1,
    Answered = 2,
    Flagged = 4,
    Deleted = 8,
    Draft = 16,

    /// <summary>Session-only flag set by the server; it cannot be stored with APPEND and is dropped there.</summary>
    Recent = 32,
}

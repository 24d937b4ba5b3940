namespace Reconciler.Migration.Imap;

/// <summary>Which untagged data a command collects, and commands the engine treats specially.</summary>
internal enum ImapCommandKind
{
    Other,
    List,
    Search,
    Fetch,
    Select,
    StartTls,
    Logout,
}

namespace Reconciler.Migration.Imap;

/// <summary>The status word of a tagged or untagged server response.</summary>
public enum ImapResponseStatus
{
    Ok,
    No,
    Bad,
}

namespace Reconciler.Schema.Model;

/// <summary>
/// Lifecycle of a mailbox. Invited and suspended mailboxes receive mail but cannot log in; offboarded ones cannot
/// log in and are deleted after their retention date.
/// </summary>
public enum MailboxState
{
    Active,
    Invited,
    Suspended,
    Offboarded,
}

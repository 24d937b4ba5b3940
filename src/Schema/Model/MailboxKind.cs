namespace Reconciler.Schema.Model;

public enum MailboxKind
{
    Human,
    Role,
    Shared,
}

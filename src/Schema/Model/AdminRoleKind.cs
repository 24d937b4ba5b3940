namespace Reconciler.Schema.Model;

public enum AdminRoleKind
{
    Dns,
    MailboxReset,
    Billing,
    Owner,
}

namespace Reconciler.Schema.Model;

public enum DmarcDisposition
{
    None,
    Quarantine,
    Reject,
}

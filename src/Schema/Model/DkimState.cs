namespace Reconciler.Schema.Model;

public enum DkimState
{
    Active,
    Retiring,
}

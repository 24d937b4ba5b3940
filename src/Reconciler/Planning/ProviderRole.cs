namespace Reconciler.Planning;

public enum ProviderRole
{
    Dns,
    Mail,
}

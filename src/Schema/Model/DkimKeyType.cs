namespace Reconciler.Schema.Model;

public enum DkimKeyType
{
    Rsa,
    Ed25519,
}

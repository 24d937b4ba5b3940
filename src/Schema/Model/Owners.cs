namespace Reconciler.Schema.Model;

/// <summary>Who holds the registrar, DNS host, billing and technical keys of a domain.</summary>
public sealed record Owners(Contact? Registrar, Contact? DnsAccess, Contact? Billing, Contact? Technical)
{
    public static readonly Owners None = new(null, null, null, null);
}

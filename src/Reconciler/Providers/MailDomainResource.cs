namespace Reconciler.Providers;

/// <summary>The mail system accepting a domain at all (Postfix: an entry in virtual_mailbox_domains).</summary>
public sealed record MailDomainResource(string Domain) : Resource
{
    public override string Kind => "maildomain";

    public override string Id => $"maildomain {Domain}";

    public override string Describe() => Domain;
}

using Reconciler.Dns;
using Reconciler.Providers;
using Reconciler.Schema.Model;

namespace Reconciler.Planning;

/// <summary>
/// A manifest in the form the differ compares: record sets in canonical form (mail records generated and merged in),
/// mailboxes and routes as the mail system will hold them, and the names left alone.
/// </summary>
/// <param name="Origins">For each record set, which manifest setting asked for it (for reasons in the plan).</param>
public sealed record DesiredDomain(
    DomainManifest Manifest,
    DnsName Zone,
    IReadOnlyList<RecordSet> RecordSets,
    IReadOnlyDictionary<(DnsName Name, RecordType Type), string> Origins,
    IReadOnlyList<string> Unmanaged,
    MailDomainResource? MailDomain,
    IReadOnlyList<MailboxResource> Mailboxes,
    IReadOnlyList<RouteResource> Routes)
{
    public string Domain => Manifest.Domain;

    /// <summary>True when a relative name matches one of the manifest's unmanaged patterns.</summary>
    public bool IsUnmanaged(DnsName name)
    {
        if (Unmanaged.Count == 0)
        {
            return false;
        }

        var relative = name.RelativeTo(Zone);
        return Unmanaged.Any(p => Schema.Validation.Rules.NamePattern.Matches(p, relative));
    }
}

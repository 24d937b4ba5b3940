using Reconciler.Schema.Loading;

namespace Reconciler.Schema.Model;

/// <summary>
/// A client domain after its templates are merged in: the desired state Reconciler reconciles.
/// </summary>
/// <param name="Domain">The domain as an A-label, lower case, without trailing dot.</param>
/// <param name="File">The manifest file (as given to the loader), for messages.</param>
public sealed record DomainManifest(
    string Domain,
    string File,
    SourcePosition Position,
    IReadOnlyList<string> Use,
    Owners Owners,
    DnsSettings Dns,
    MailSettings Mail,
    DomainPolicy Policy);

namespace Reconciler.Posture.Dmarc;

/// <summary>
/// The external report destination check (RFC 7489 §7.1): a domain may only send reports to a mailbox in another
/// organization if that organization publishes <c>&lt;domain&gt;._report._dmarc.&lt;destination&gt;</c> with v=DMARC1.
/// </summary>
public static class DmarcReportAuthorization
{
    /// <summary>The authorization record name for reports about <paramref name="policyDomain"/> sent to
    /// <paramref name="destinationDomain"/>.</summary>
    public static string AuthorizationName(string policyDomain, string destinationDomain) =>
        $"{DomainNames.Normalize(policyDomain)}._report._dmarc.{DomainNames.Normalize(destinationDomain)}";

    /// <summary>
    /// True when the destination needs authorization. RFC 7489 compares Organizational Domains, which needs the
    /// Public Suffix List; without one (<paramref name="organizationalDomain"/> null) a destination at, under or
    /// above the policy domain counts as the same organization and anything else as external, which may ask for
    /// authorization a sibling subdomain does not strictly need.
    /// </summary>
    public static bool IsExternal(
        string policyDomain, string destinationDomain, Func<string, string>? organizationalDomain = null)
    {
        var p = DomainNames.Normalize(policyDomain);
        var d = DomainNames.Normalize(destinationDomain);
        if (organizationalDomain is not null)
        {
            return !string.Equals(organizationalDomain(p), organizationalDomain(d), StringComparison.OrdinalIgnoreCase);
        }

        return !DomainNames.IsAtOrBelow(d, p) && !DomainNames.IsAtOrBelow(p, d);
    }

    /// <summary>Checks every external mailto: destination of <paramref name="record"/> through the resolver.</summary>
    public static async Task<(IReadOnlyList<DmarcReportDestination> Destinations, IReadOnlyList<PostureFinding> Findings)>
        CheckAsync(
            IPostureResolver resolver,
            string policyDomain,
            DmarcRecord record,
            CancellationToken cancellationToken,
            Func<string, string>? organizationalDomain = null)
    {
        var destinations = new List<DmarcReportDestination>();
        var findings = new List<PostureFinding>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (uri, tag) in record.AggregateReports.Select(u => (u, "rua"))
                     .Concat(record.FailureReports.Select(u => (u, "ruf"))))
        {
            if (uri.Domain is not { } destination || !IsExternal(policyDomain, destination, organizationalDomain) ||
                !seen.Add(destination))
            {
                continue;
            }

            var name = AuthorizationName(policyDomain, destination);
            var txt = await resolver.LookupTxtAsync(name, cancellationToken).ConfigureAwait(false);
            if (txt.Status == LookupStatus.Failure)
            {
                destinations.Add(new DmarcReportDestination(uri, name, null));
                findings.Add(PostureCatalogue.DmarcExternalUnknown.Report(
                    $"{tag}: the authorization lookup {name} TXT failed: {txt.Error}"));
                continue;
            }

            var authorized = txt.Records.Any(DmarcRecord.IsDmarcRecord);
            destinations.Add(new DmarcReportDestination(uri, name, authorized));
            if (!authorized)
            {
                var found = txt.Status switch
                {
                    LookupStatus.NxDomain => "does not exist",
                    LookupStatus.NoData => "has no TXT record",
                    _ => "has no record starting with v=DMARC1",
                };
                findings.Add(PostureCatalogue.DmarcExternalUnauthorized.Report(
                    $"{tag}: reports for {DomainNames.Normalize(policyDomain)} go to {uri.Address}, but {name} {found}; " +
                    "receivers will not send them"));
            }
        }

        return (destinations, findings);
    }
}

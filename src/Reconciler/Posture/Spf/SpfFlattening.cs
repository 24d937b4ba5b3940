namespace Reconciler.Posture.Spf;

/// <summary>
/// The flattened form of a domain's SPF policy: includes, a and mx resolved to ip4/ip6 ranges (a snapshot: it must
/// be refreshed when a sender's ranges change).
/// </summary>
/// <param name="Domain">The domain flattened.</param>
/// <param name="OriginalRecord">The record that was flattened.</param>
/// <param name="Error">Why it could not be flattened (broken or unresolvable policy); null on success.</param>
/// <param name="Records">The records to publish: the domain's own first, then any extra records it includes.</param>
/// <param name="PassIPv4">Every IPv4 range that gets Pass, merged and collapsed.</param>
/// <param name="PassIPv6">Every IPv6 range that gets Pass, merged and collapsed.</param>
/// <param name="AllQualifier">The original all's qualifier, kept; null when the record has none.</param>
/// <param name="KeptTerms">Terms left as written because they depend on the message (ptr, exists, macros) or
/// include records that do.</param>
/// <param name="DnsLookups">Lookups the flattened records need per evaluation (kept terms plus extra-record
/// includes).</param>
/// <param name="Findings">What is worth knowing about the result.</param>
public sealed record SpfFlattening(
    string Domain,
    string? OriginalRecord,
    string? Error,
    IReadOnlyList<SpfFlattenedRecord> Records,
    IReadOnlyList<IpNetwork> PassIPv4,
    IReadOnlyList<IpNetwork> PassIPv6,
    SpfQualifier? AllQualifier,
    IReadOnlyList<string> KeptTerms,
    int DnsLookups,
    IReadOnlyList<PostureFinding> Findings)
{
    public bool Success => Error is null;

    /// <summary>The domain's own flattened record text.</summary>
    public string? Record => Records.Count == 0 ? null : Records[0].Text;

    /// <summary>255-octet character-strings over all records.</summary>
    public int TxtStringCount => Records.Sum(r => r.Strings.Count);

    /// <summary>True when the policy no longer fits one record and extra records are chained by include.</summary>
    public bool NeedsSplitting => Records.Count > 1;
}

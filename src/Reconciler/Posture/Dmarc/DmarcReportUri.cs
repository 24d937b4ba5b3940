namespace Reconciler.Posture.Dmarc;

/// <summary>One rua/ruf destination (RFC 7489 §6.2): a URI with an optional size limit such as "!10m".</summary>
/// <param name="Uri">The URI without the size suffix.</param>
/// <param name="Scheme">Lower-case scheme, e.g. "mailto".</param>
/// <param name="Address">For mailto: the address.</param>
/// <param name="Domain">For mailto: the address's domain, lower case.</param>
/// <param name="MaxSizeBytes">The size limit in bytes, if given.</param>
public sealed record DmarcReportUri(string Uri, string Scheme, string? Address, string? Domain, long? MaxSizeBytes)
{
    public bool IsMailto => Scheme == "mailto";
}

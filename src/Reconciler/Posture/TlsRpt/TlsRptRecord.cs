namespace Reconciler.Posture.TlsRpt;

/// <summary>The _smtp._tls TXT record (RFC 8460 §3).</summary>
/// <param name="Text">As published.</param>
/// <param name="ReportUris">rua= destinations (mailto: or https:).</param>
/// <param name="Extensions">Other fields, which senders ignore.</param>
public sealed record TlsRptRecord(string Text, IReadOnlyList<Uri> ReportUris, IReadOnlyDictionary<string, string> Extensions)
{
    /// <summary>Senders discard TXT records at _smtp._tls that do not begin with "v=TLSRPTv1".</summary>
    public static bool IsTlsRptRecord(string txt)
    {
        if (!txt.StartsWith("v=TLSRPTv1", StringComparison.Ordinal))
        {
            return false;
        }

        var rest = txt["v=TLSRPTv1".Length..].TrimStart(' ', '\t');
        return rest.Length == 0 || rest[0] == ';';
    }
}

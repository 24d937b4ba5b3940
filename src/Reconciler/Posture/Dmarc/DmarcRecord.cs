namespace Reconciler.Posture.Dmarc;

/// <summary>A DMARC policy record (RFC 7489 §6.3) with RFC defaults applied for omitted tags.</summary>
/// <param name="Text">The record as published.</param>
/// <param name="Policy">p=; null when missing or invalid.</param>
/// <param name="SubdomainPolicy">sp= as written; null when omitted (then p applies).</param>
/// <param name="Percent">pct=, default 100.</param>
/// <param name="AggregateReports">rua= destinations that parse.</param>
/// <param name="FailureReports">ruf= destinations that parse.</param>
/// <param name="DkimAlignment">adkim=, default relaxed.</param>
/// <param name="SpfAlignment">aspf=, default relaxed.</param>
/// <param name="FailureOptions">fo=, default "0".</param>
/// <param name="ReportFormat">rf=, default "afrf".</param>
/// <param name="ReportIntervalSeconds">ri=, default 86400.</param>
public sealed record DmarcRecord(
    string Text,
    DmarcPolicy? Policy,
    DmarcPolicy? SubdomainPolicy,
    int Percent,
    IReadOnlyList<DmarcReportUri> AggregateReports,
    IReadOnlyList<DmarcReportUri> FailureReports,
    DmarcAlignmentMode DkimAlignment,
    DmarcAlignmentMode SpfAlignment,
    string FailureOptions,
    string ReportFormat,
    uint ReportIntervalSeconds)
{
    /// <summary>The policy receivers apply: p=, or none when p= is unusable but a rua= is valid (RFC 7489
    /// §6.6.3); null when receivers ignore the record.</summary>
    public DmarcPolicy? EffectivePolicy =>
        Policy ?? (AggregateReports.Count > 0 ? DmarcPolicy.None : null);

    /// <summary>The policy for subdomains: sp=, else the effective p=.</summary>
    public DmarcPolicy? EffectiveSubdomainPolicy => SubdomainPolicy ?? EffectivePolicy;

    /// <summary>True when the text starts with the v=DMARC1 tag (RFC 7489 §6.6.3 record selection; the tag name is
    /// case-insensitive and may have spaces around "=", the value is exactly DMARC1).</summary>
    public static bool IsDmarcRecord(string txt)
    {
        var semi = txt.IndexOf(';');
        var first = (semi < 0 ? txt : txt[..semi]).Replace(" ", "").Replace("\t", "");
        return first.Length == 8 && first[0] is 'v' or 'V' && first[1..] == "=DMARC1";
    }
}

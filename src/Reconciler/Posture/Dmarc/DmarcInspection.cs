namespace Reconciler.Posture.Dmarc;

/// <summary>The DMARC posture of a domain as published: the record, its external report destinations, findings.</summary>
/// <param name="Domain">The domain checked (the record is at _dmarc.&lt;domain&gt;).</param>
/// <param name="Record">The record receivers use; null when there is none they would use.</param>
/// <param name="Destinations">External rua/ruf destinations and whether they authorized the reports.</param>
/// <param name="Findings">Findings, errors first.</param>
public sealed record DmarcInspection(
    string Domain,
    DmarcRecord? Record,
    IReadOnlyList<DmarcReportDestination> Destinations,
    IReadOnlyList<PostureFinding> Findings)
{
    public bool HasErrors => Findings.Any(f => f.Severity == FindingSeverity.Error);
}

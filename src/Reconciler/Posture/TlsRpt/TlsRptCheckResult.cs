namespace Reconciler.Posture.TlsRpt;

/// <summary>What the TLS-RPT checks found; Record is null when senders would not use it.</summary>
public sealed record TlsRptCheckResult(TlsRptRecord? Record, IReadOnlyList<PostureFinding> Findings)
{
    public bool HasErrors => Findings.Any(f => f.Severity == FindingSeverity.Error);
}

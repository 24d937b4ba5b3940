namespace Reconciler.Posture.Spf;

/// <summary>What <see cref="SpfRecordCheck"/> found in a record text.</summary>
/// <param name="Record">The parsed record; null when it does not parse.</param>
/// <param name="DnsTermCount">include, a, mx, ptr, exists and redirect terms written in the record itself (the
/// includes' own terms add to this at evaluation time).</param>
/// <param name="HasSingleTrailingAll">Exactly one all, and it is the last mechanism.</param>
/// <param name="Findings">Everything worth reporting, errors first.</param>
public sealed record SpfRecordCheckResult(
    SpfRecord? Record, int DnsTermCount, bool HasSingleTrailingAll, IReadOnlyList<PostureFinding> Findings)
{
    public bool HasErrors => Findings.Any(f => f.Severity == FindingSeverity.Error);
}

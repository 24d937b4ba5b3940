namespace Reconciler.Posture.Dkim;

/// <summary>What the DKIM key checks found.</summary>
/// <param name="Record">The parsed record; null when verifiers would not use it (bad v=, malformed tag list, no
/// p=).</param>
/// <param name="Findings">Findings, errors first.</param>
public sealed record DkimKeyCheckResult(DkimKeyRecord? Record, IReadOnlyList<PostureFinding> Findings)
{
    public bool HasErrors => Findings.Any(f => f.Severity == FindingSeverity.Error);
}

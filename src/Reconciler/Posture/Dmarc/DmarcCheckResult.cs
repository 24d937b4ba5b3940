namespace Reconciler.Posture.Dmarc;

/// <summary>What the DMARC checks found.</summary>
/// <param name="Record">The parsed record; null when receivers would discard it (no v=DMARC1 first, or a
/// malformed tag list).</param>
/// <param name="Findings">Findings, errors first.</param>
public sealed record DmarcCheckResult(DmarcRecord? Record, IReadOnlyList<PostureFinding> Findings)
{
    public bool HasErrors => Findings.Any(f => f.Severity == FindingSeverity.Error);

    /// <summary>True when receivers apply no DMARC processing with this record (RFC 7489 §6.6.3).</summary>
    public bool IgnoredByReceivers => Record?.EffectivePolicy is null;
}

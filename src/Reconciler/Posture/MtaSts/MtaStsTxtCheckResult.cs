namespace Reconciler.Posture.MtaSts;

/// <summary>What the _mta-sts TXT checks found; Record is null when senders would not use it.</summary>
public sealed record MtaStsTxtCheckResult(MtaStsTxtRecord? Record, IReadOnlyList<PostureFinding> Findings)
{
    public bool HasErrors => Findings.Any(f => f.Severity == FindingSeverity.Error);
}

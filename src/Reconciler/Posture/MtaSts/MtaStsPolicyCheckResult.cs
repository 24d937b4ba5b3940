namespace Reconciler.Posture.MtaSts;

/// <summary>What the policy file checks found; Policy is null when senders would not use it.</summary>
public sealed record MtaStsPolicyCheckResult(MtaStsPolicy? Policy, IReadOnlyList<PostureFinding> Findings)
{
    public bool HasErrors => Findings.Any(f => f.Severity == FindingSeverity.Error);
}

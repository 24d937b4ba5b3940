namespace Reconciler.Daemon;

/// <summary>
/// What the daemon knows about one domain between ticks (kept in its state database so a restart neither re-applies
/// nor re-alerts).
/// </summary>
/// <param name="AppliedDesired">The desired fingerprint live state last matched (after an apply or a check).</param>
/// <param name="AppliedCommit">The manifest commit that state came from.</param>
/// <param name="AttemptedDesired">The desired fingerprint last worked on: a different one makes the domain due at once.</param>
/// <param name="NextCheck">When the domain is due again without a new commit.</param>
/// <param name="Failures">Consecutive failures, for the backoff.</param>
/// <param name="DriftSince">When the current drift was first seen.</param>
/// <param name="DriftFingerprint">The drift last reported (committed and alerted); null when none is.</param>
/// <param name="AdoptProposal">Hash of the manifest last proposed on the adopt branch.</param>
/// <param name="PendingPlan">Fingerprint of the plan waiting for approval.</param>
public sealed record DomainState(
    string Domain,
    DomainStatus Status,
    string? Message,
    string? AppliedDesired,
    string? AppliedCommit,
    string? AttemptedDesired,
    DateTimeOffset? NextCheck,
    int Failures,
    DateTimeOffset? DriftSince,
    string? DriftFingerprint,
    string? DriftSummary,
    string? AdoptProposal,
    string? PendingPlan,
    DateTimeOffset? LastChecked,
    DateTimeOffset? LastApplied)
{
    public static DomainState New(string domain) =>
        new(domain, DomainStatus.Pending, null, null, null, null, null, 0, null, null, null, null, null, null, null);
}

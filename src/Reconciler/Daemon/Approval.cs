namespace Reconciler.Daemon;

/// <summary>Someone approved the plan with this fingerprint for this domain.</summary>
public sealed record Approval(string Domain, string PlanFingerprint, string ApprovedBy, string Source);

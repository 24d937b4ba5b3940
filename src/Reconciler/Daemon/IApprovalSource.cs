namespace Reconciler.Daemon;

/// <summary>
/// Where approvals of held-back plans come from. The daemon applies a plan with destructive steps only when a source
/// approves that exact plan (by fingerprint), so an approval never covers a plan that changed after it was given.
/// Today: files in the repository (<see cref="RepoApprovalSource"/>); the pull-request workflow adds its own source.
/// </summary>
public interface IApprovalSource
{
    Task<Approval?> FindAsync(string domain, string planFingerprint, CancellationToken ct);
}

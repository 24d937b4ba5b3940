namespace Reconciler.Tests.Shared.GitHub;

/// <summary>A pull request review's state as GitHub reports it (APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED).</summary>
public enum GitHubReviewState
{
    Approved,
    ChangesRequested,
    Commented,
    Dismissed,
}

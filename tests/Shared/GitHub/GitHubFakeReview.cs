namespace Reconciler.Tests.Shared.GitHub;

/// <summary>A submitted pull request review; <paramref name="CommitId"/> is the head it was made on.</summary>
public sealed record GitHubFakeReview(long Id, string User, GitHubReviewState State, string CommitId, DateTimeOffset SubmittedAt, string Body);

namespace Reconciler.Tests.Shared.GitHub;

/// <summary>A commit status (<paramref name="State"/>: error, failure, pending or success).</summary>
public sealed record GitHubFakeStatus(long Id, string Sha, string State, string Context, string? Description, string? TargetUrl, string Creator, DateTimeOffset CreatedAt);

namespace Reconciler.Tests.Shared.GitHub;

/// <summary>An issue or pull-request comment as the fake holds it. <paramref name="Edits"/> counts PATCHes.</summary>
public sealed record GitHubFakeComment(long Id, int IssueNumber, string User, string Body, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Edits);

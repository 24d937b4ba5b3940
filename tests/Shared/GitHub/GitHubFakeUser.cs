namespace Reconciler.Tests.Shared.GitHub;

/// <summary>A GitHub account: a person ("User"), an organization ("Organization") or an app's bot ("Bot").</summary>
public sealed record GitHubFakeUser(string Login, long Id, string Type);

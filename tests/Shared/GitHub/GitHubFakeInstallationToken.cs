namespace Reconciler.Tests.Shared.GitHub;

/// <summary>An installation access token the fake issued.</summary>
public sealed record GitHubFakeInstallationToken(string Token, long InstallationId, DateTimeOffset ExpiresAt);

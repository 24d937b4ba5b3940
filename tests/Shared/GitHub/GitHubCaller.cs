namespace Reconciler.Tests.Shared.GitHub;

/// <summary>Who a request authenticates as: a token's user, an installation (its app's bot), or an app by JWT.</summary>
internal sealed record GitHubCaller(string Login, GitHubCallerKind Kind, GitHubFakeApp? App = null, long? InstallationId = null);

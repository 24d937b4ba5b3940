namespace Reconciler.Tests.Shared.GitHub;

internal enum GitHubCallerKind
{
    Token,
    Installation,
    AppJwt,
}

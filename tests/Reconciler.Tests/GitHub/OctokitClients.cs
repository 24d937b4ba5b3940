using Octokit;
using Reconciler.Tests.Shared.GitHub;

namespace Reconciler.Tests.GitHub;

/// <summary>Octokit clients pointed at a <see cref="GitHubFake"/>, with its token unless told otherwise.</summary>
internal static class OctokitClients
{
    public static GitHubClient For(GitHubFake fake, Uri? baseUrl = null, Credentials? credentials = null) =>
        new(new ProductHeaderValue("reconciler-tests", "1.0"), baseUrl ?? fake.BaseUrl) { Credentials = credentials ?? new Credentials(fake.Token) };
}

namespace Reconciler.Tests.Common;

/// <summary>
/// Where the published GitHub test data lives: GitHub's OpenAPI description (@octokit/openapi 23.0.2) and real
/// webhook payloads (@octokit/webhooks-examples 7.6.1), fetched by scripts/install-test-deps into
/// RECONCILER_TEST_DATA (default ~/.cache/reconciler-test-data).
/// </summary>
public static class GitHubTestData
{
    public const string OpenApiPackage = "@octokit/openapi@23.0.2";

    public const string WebhookExamplesPackage = "@octokit/webhooks-examples@7.6.1";

    public static string Root =>
        Environment.GetEnvironmentVariable("RECONCILER_TEST_DATA") is { Length: > 0 } env
            ? env
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "reconciler-test-data");

    /// <summary>api.github.com, every $ref resolved in place (OpenAPI 3.0.3).</summary>
    public static string DotComDescription => Existing(OpenApiPackage, "generated", "api.github.com.deref.json");

    /// <summary>GitHub Enterprise Server's description of a release the package carries (3.17, 3.18, 3.19).</summary>
    public static string EnterpriseServerDescription(string version = "3.19") =>
        Existing(OpenApiPackage, "generated", $"ghes-{version}.deref.json");

    /// <summary>Every event's example payloads for api.github.com: a JSON array of { name, actions, examples[] }.</summary>
    public static string DotComWebhookExamples => Existing(WebhookExamplesPackage, "api.github.com", "index.json");

    private static string Existing(string package, params string[] parts)
    {
        var path = Path.Combine([Root, "npm", package, .. parts]);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"{path} is missing: the GitHub tests read the npm package {package}; run scripts/install-test-deps " +
                "(it fetches it with `npm pack` into RECONCILER_TEST_DATA, default ~/.cache/reconciler-test-data)", path);
        }

        return path;
    }
}

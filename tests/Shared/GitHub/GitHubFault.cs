using System.Globalization;
using System.Text.Json.Nodes;

namespace Reconciler.Tests.Shared.GitHub;

/// <summary>
/// An answer a test programs with <see cref="GitHubFake.Fail"/> instead of the normal one, with GitHub's documented
/// status, headers and message (docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api and
/// troubleshooting-the-rest-api).
/// </summary>
public sealed record GitHubFault(int Status, string Message, IReadOnlyDictionary<string, string> Headers, JsonArray? Errors = null, string DocumentationUrl = "https://docs.github.com/rest")
{
    private const string RateLimitDocs = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api";

    /// <summary>403 with <c>Retry-After</c>: "You have exceeded a secondary rate limit…".</summary>
    public static GitHubFault SecondaryRateLimit(TimeSpan retryAfter) => new(
        403,
        "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 0000:0000:0000000:0000000:00000000.",
        new Dictionary<string, string> { ["Retry-After"] = Seconds(retryAfter) },
        DocumentationUrl: RateLimitDocs + "#about-secondary-rate-limits");

    /// <summary>The primary limit used up: 403, <c>X-RateLimit-Remaining: 0</c> and <c>X-RateLimit-Reset</c> (epoch seconds).</summary>
    public static GitHubFault RateLimitExhausted(DateTimeOffset reset) => new(
        403,
        "API rate limit exceeded for user ID 1. If you reach out to GitHub Support for help, please include the request ID 0000:0000:0000000:0000000:00000000.",
        new Dictionary<string, string>
        {
            ["X-RateLimit-Limit"] = "5000",
            ["X-RateLimit-Remaining"] = "0",
            ["X-RateLimit-Used"] = "5000",
            ["X-RateLimit-Reset"] = reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ["X-RateLimit-Resource"] = "core",
        },
        DocumentationUrl: RateLimitDocs + "#about-the-primary-rate-limit");

    /// <summary>429 with <c>Retry-After</c> (a secondary limit answered with Too Many Requests).</summary>
    public static GitHubFault TooManyRequests(TimeSpan retryAfter) => SecondaryRateLimit(retryAfter) with { Status = 429 };

    /// <summary>A 5xx (500, 502, 503 …).</summary>
    public static GitHubFault ServerError(int status = 502) => new(
        status,
        status == 503 ? "Service Unavailable" : "Server Error",
        new Dictionary<string, string>());

    /// <summary>422 "Validation Failed" with one error object (resource, code, field, message).</summary>
    public static GitHubFault ValidationFailed(string resource, string field, string message, string code = "custom") => new(
        422,
        "Validation Failed",
        new Dictionary<string, string>(),
        new JsonArray(new JsonObject { ["resource"] = resource, ["code"] = code, ["field"] = field, ["message"] = message }),
        "https://docs.github.com/rest");

    private static string Seconds(TimeSpan t) => ((long)Math.Ceiling(t.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}

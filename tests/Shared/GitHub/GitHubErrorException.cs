using System.Text.Json.Nodes;

namespace Reconciler.Tests.Shared.GitHub;

/// <summary>Thrown by an endpoint to answer with GitHub's error shape (message, documentation_url, status, errors).</summary>
internal sealed class GitHubErrorException(int status, string message, JsonArray? errors = null, string documentationUrl = "https://docs.github.com/rest")
    : Exception(message)
{
    public int Status { get; } = status;

    public JsonArray? Errors { get; } = errors;

    public string DocumentationUrl { get; } = documentationUrl;

    public static GitHubErrorException NotFound() => new(404, "Not Found");

    public static GitHubErrorException Validation(string resource, string field, string code, string? message = null) =>
        new(422, "Validation Failed", new JsonArray(message is null
            ? new JsonObject { ["resource"] = resource, ["code"] = code, ["field"] = field }
            : new JsonObject { ["resource"] = resource, ["code"] = code, ["field"] = field, ["message"] = message }));
}

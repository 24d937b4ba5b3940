using System.Text.Json.Nodes;

namespace Reconciler.Tests.Shared.GitHub;

/// <summary>An endpoint's answer; a <see cref="Paged"/> array is cut to the requested page, with a Link header.</summary>
internal sealed record GitHubReply(int Status, JsonNode? Body, bool Paged = false)
{
    public static GitHubReply NoContent() => new(204, null);
}

namespace Reconciler.Tests.Shared.GitHub;

/// <summary>One request the fake answered, in arrival order.</summary>
/// <param name="Method">GET, POST, PATCH …</param>
/// <param name="Path">The path without the base (<c>/api/v3</c> removed), e.g. <c>/repos/acme/portfolio/issues/3/comments</c>.</param>
/// <param name="Query">The raw query string without <c>?</c>, or empty.</param>
/// <param name="OperationId">The documented operation it matched (e.g. <c>issues/create-comment</c>), or null.</param>
/// <param name="Status">The status code the fake answered with.</param>
/// <param name="Body">The request body as text, or null.</param>
/// <param name="Enterprise">Sent under the GitHub Enterprise Server base path <c>/api/v3</c>.</param>
/// <param name="Headers">Request headers except Authorization (which holds a secret).</param>
public sealed record RecordedRequest(
    DateTimeOffset At,
    string Method,
    string Path,
    string Query,
    string? OperationId,
    int Status,
    string? Body,
    bool Enterprise,
    IReadOnlyDictionary<string, string> Headers)
{
    public override string ToString() => $"{Method} {Path}{(Query.Length > 0 ? "?" + Query : "")} → {Status}";
}

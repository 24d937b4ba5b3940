namespace Reconciler.Tests.Shared.GitHub;

/// <summary>A request (or a response of the fake itself) that does not match GitHub's OpenAPI description.</summary>
/// <param name="Request">"POST /repos/acme/portfolio/statuses/abc".</param>
/// <param name="Rule">What was checked, e.g. "undocumented operation", "request body", "query parameter per_page".</param>
/// <param name="Detail">What is wrong, with the schema's words.</param>
public sealed record GitHubViolation(string Request, string Rule, string Detail)
{
    public override string ToString() => $"{Request}: {Rule}: {Detail}";
}

using System.Globalization;
using System.Text.Json.Nodes;

namespace Reconciler.Tests.Shared.GitHub;

/// <summary>A validated, authenticated request as an endpoint sees it. Endpoints run under the fake's lock.</summary>
internal sealed class GitHubCall(
    GitHubFake fake,
    OpenApiOperation operation,
    IReadOnlyDictionary<string, string> path,
    IReadOnlyDictionary<string, string> query,
    JsonObject? body,
    GitHubCaller caller,
    GitHubJson json)
{
    public GitHubFake Fake { get; } = fake;

    public OpenApiOperation Operation { get; } = operation;

    public JsonObject? Body { get; } = body;

    public GitHubCaller Caller { get; } = caller;

    public GitHubJson Json { get; } = json;

    public string Path(string name) => path[name];

    public long PathLong(string name) => long.Parse(path[name], CultureInfo.InvariantCulture);

    public int PathInt(string name) => int.TryParse(path[name], CultureInfo.InvariantCulture, out var n) ? n : throw GitHubErrorException.NotFound();

    public string? Query(string name) => query.GetValueOrDefault(name);

    public string? BodyString(string name) => Body?[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>The repository of <c>{owner}/{repo}</c>; 404 when the fake has none, or the installation token
    /// the caller uses was not issued for its owner.</summary>
    public GitHubFakeRepository Repo()
    {
        var repo = Fake.FindRepo(path["owner"], path["repo"]) ?? throw GitHubErrorException.NotFound();
        if (Caller.Kind == GitHubCallerKind.Installation
            && !string.Equals(Caller.App!.InstallationAccount(Caller.InstallationId!.Value), repo.Owner, StringComparison.OrdinalIgnoreCase))
        {
            throw GitHubErrorException.NotFound();
        }

        return repo;
    }

    public GitHubFakePullRequest Pull(GitHubFakeRepository repo) => repo.FindPull(PathInt("pull_number")) ?? throw GitHubErrorException.NotFound();

    public GitHubFakeIssue Issue(GitHubFakeRepository repo) => repo.FindIssue(PathInt("issue_number")) ?? throw GitHubErrorException.NotFound();

    /// <summary>The documented example for a status; for a list, its first item (the template of one element).</summary>
    public JsonObject? Template(int status)
    {
        var example = Operation.Example(status);
        return example is JsonArray a ? a.FirstOrDefault() as JsonObject : example as JsonObject;
    }

    public GitHubReply Ok(JsonNode body, int status = 200) => new(status, body);

    public GitHubReply List<T>(IEnumerable<T> items, Func<JsonObject?, T, JsonObject> render, int status = 200)
    {
        var template = Template(status);
        return new GitHubReply(status, new JsonArray(items.Select(i => (JsonNode?)render(template, i)).ToArray()), Paged: true);
    }
}

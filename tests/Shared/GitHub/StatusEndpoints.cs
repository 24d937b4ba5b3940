using System.Text.Json.Nodes;

namespace Reconciler.Tests.Shared.GitHub;

/// <summary>Commit statuses: create, list for a ref, combined status.</summary>
internal static class StatusEndpoints
{
    /// <summary>GitHub's limits: a description of at most 140 characters, 1000 statuses per SHA and context.</summary>
    public const int MaxDescription = 140;

    public const int MaxPerContext = 1000;

    public static void Register(IDictionary<string, Func<GitHubCall, GitHubReply>> map)
    {
        map["repos/create-commit-status"] = c =>
        {
            var repo = c.Repo();
            var sha = c.Path("sha");
            var context = c.BodyString("context") ?? "default";
            var description = c.BodyString("description");
            if (description is { Length: > MaxDescription })
            {
                throw GitHubErrorException.Validation("Status", "description", "custom", $"description is too long (maximum is {MaxDescription} characters)");
            }

            if (repo.StatusList.Count(s => s.Sha == sha && string.Equals(s.Context, context, StringComparison.OrdinalIgnoreCase)) >= MaxPerContext)
            {
                throw GitHubErrorException.Validation("Status", "context", "custom", $"This SHA and context has reached the maximum number of statuses.");
            }

            var status = new GitHubFakeStatus(c.Fake.NextId(), sha, c.BodyString("state")!, context, description, c.BodyString("target_url"), c.Caller.Login, c.Fake.Now);
            repo.StatusList.Add(status);
            return c.Ok(c.Json.Status(c.Template(201), repo, status), 201);
        };
        map["repos/list-commit-statuses-for-ref"] = c =>
        {
            var repo = c.Repo();
            var sha = repo.ResolveRef(c.Path("ref"));
            return c.List(repo.StatusList.Where(s => s.Sha == sha).Reverse(), (t, s) => c.Json.Status(t, repo, s));
        };
        map["repos/get-combined-status-for-ref"] = c =>
        {
            var repo = c.Repo();
            var sha = repo.ResolveRef(c.Path("ref"));
            var latest = repo.StatusList.Where(s => s.Sha == sha)
                .GroupBy(s => s.Context, StringComparer.OrdinalIgnoreCase)
                .Select(g => g.Last())
                .OrderBy(s => s.Id)
                .ToList();
            var o = c.Operation.Example(200) as JsonObject ?? new JsonObject();
            var itemTemplate = (o["statuses"] as JsonArray)?.FirstOrDefault();
            o["state"] = latest.Any(s => s.State is "error" or "failure") ? "failure"
                : latest.Count == 0 || latest.Any(s => s.State == "pending") ? "pending"
                : "success";
            o["statuses"] = new JsonArray(latest.Select(s => (JsonNode?)c.Json.Status(itemTemplate, repo, s)).ToArray());
            o["sha"] = sha;
            o["total_count"] = latest.Count;
            o["repository"] = c.Json.Repository(o["repository"], repo);
            o["commit_url"] = $"{c.Json.ApiBase}/repos/{repo.FullName}/commits/{sha}";
            o["url"] = $"{c.Json.ApiBase}/repos/{repo.FullName}/commits/{sha}/status";
            return c.Ok(o);
        };
    }
}

using System.Text.Json.Nodes;

namespace Reconciler.Tests.Shared.GitHub;

/// <summary>Issues (which include pull requests' issue side), their comments and labels.</summary>
internal static class IssueEndpoints
{
    /// <summary>GitHub's limit on an issue or comment body, in characters.</summary>
    public const int MaxBodyLength = 65536;

    public static void Register(IDictionary<string, Func<GitHubCall, GitHubReply>> map)
    {
        map["issues/create-comment"] = c =>
        {
            var repo = c.Repo();
            var issue = c.Issue(repo);
            var body = CheckedBody(c.BodyString("body") ?? "", "IssueComment");
            var comment = issue.AddComment(c.Caller.Login, body);
            return c.Ok(c.Json.Comment(c.Template(201), repo, comment), 201);
        };
        map["issues/list-comments"] = c =>
        {
            var repo = c.Repo();
            var issue = c.Issue(repo);
            var since = c.Query("since") is { } s ? DateTimeOffset.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : (DateTimeOffset?)null;
            return c.List(issue.CommentList.Where(x => since is null || x.UpdatedAt >= since), (t, x) => c.Json.Comment(t, repo, x));
        };
        map["issues/get-comment"] = c =>
        {
            var repo = c.Repo();
            var (_, comment, _) = FindComment(repo, c.PathLong("comment_id"));
            return c.Ok(c.Json.Comment(c.Template(200), repo, comment));
        };
        map["issues/update-comment"] = c =>
        {
            var repo = c.Repo();
            var (issue, comment, index) = FindComment(repo, c.PathLong("comment_id"));
            var edited = comment with { Body = CheckedBody(c.BodyString("body") ?? "", "IssueComment"), UpdatedAt = c.Fake.Now, Edits = comment.Edits + 1 };
            issue.CommentList[index] = edited;
            return c.Ok(c.Json.Comment(c.Template(200), repo, edited));
        };
        map["issues/delete-comment"] = c =>
        {
            var repo = c.Repo();
            var (issue, _, index) = FindComment(repo, c.PathLong("comment_id"));
            issue.CommentList.RemoveAt(index);
            return GitHubReply.NoContent();
        };
        map["issues/create"] = c =>
        {
            var repo = c.Repo();
            var title = c.Body?["title"]?.ToString() ?? throw GitHubErrorException.Validation("Issue", "title", "missing_field");
            var issue = repo.CreateIssue(title, CheckedBody(c.BodyString("body") ?? "", "Issue"), c.Caller.Login);
            foreach (var label in LabelNames(c.Body?["labels"]))
            {
                repo.AddLabelTo(issue, label);
            }

            return c.Ok(c.Json.Issue(c.Template(201), repo, issue), 201);
        };
        map["issues/get"] = c =>
        {
            var repo = c.Repo();
            return c.Ok(c.Json.Issue(c.Template(200), repo, c.Issue(repo)));
        };
        map["issues/update"] = c =>
        {
            var repo = c.Repo();
            var issue = c.Issue(repo);
            if (c.Body?["title"] is { } title)
            {
                issue.Title = title.ToString();
            }

            if (c.Body?.ContainsKey("body") == true)
            {
                issue.Body = CheckedBody(c.BodyString("body") ?? "", "Issue");
            }

            if (c.BodyString("state") is { } state)
            {
                issue.SetState(state, c.BodyString("state_reason"));
            }

            if (c.Body?["labels"] is { } labels)
            {
                issue.LabelList.Clear();
                foreach (var label in LabelNames(labels))
                {
                    repo.AddLabelTo(issue, label);
                }
            }

            issue.UpdatedAt = c.Fake.Now;
            return c.Ok(c.Json.Issue(c.Template(200), repo, issue));
        };
        map["issues/list-for-repo"] = c =>
        {
            var repo = c.Repo();
            var state = c.Query("state") ?? "open";
            var labels = (c.Query("labels") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var creator = c.Query("creator");
            var since = c.Query("since") is { } s ? DateTimeOffset.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : (DateTimeOffset?)null;
            var issues = repo.AllIssues
                .Where(i => state == "all" || i.State == state)
                .Where(i => labels.All(l => i.LabelList.Contains(l, StringComparer.OrdinalIgnoreCase)))
                .Where(i => creator is null || string.Equals(i.Author, creator, StringComparison.OrdinalIgnoreCase))
                .Where(i => since is null || i.UpdatedAt >= since);
            Func<GitHubFakeIssue, DateTimeOffset> key = c.Query("sort") == "updated" ? i => i.UpdatedAt : i => i.CreatedAt;
            issues = c.Query("direction") == "asc" ? issues.OrderBy(key).ThenBy(i => i.Number) : issues.OrderByDescending(key).ThenByDescending(i => i.Number);
            return c.List(issues, (t, i) => c.Json.Issue(t, repo, i));
        };
        map["issues/create-label"] = c =>
        {
            var repo = c.Repo();
            var name = c.BodyString("name")!;
            if (repo.LabelList.Any(l => string.Equals(l.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                throw GitHubErrorException.Validation("Label", "name", "already_exists");
            }

            var label = repo.AddLabel(name, c.BodyString("color")?.TrimStart('#') ?? "ededed", c.BodyString("description"));
            return c.Ok(c.Json.Label(c.Template(201), repo, label), 201);
        };
        map["issues/get-label"] = c =>
        {
            var repo = c.Repo();
            var label = repo.LabelList.FirstOrDefault(l => string.Equals(l.Name, c.Path("name"), StringComparison.OrdinalIgnoreCase))
                        ?? throw GitHubErrorException.NotFound();
            return c.Ok(c.Json.Label(c.Template(200), repo, label));
        };
        map["issues/list-labels-for-repo"] = c =>
        {
            var repo = c.Repo();
            return c.List(repo.LabelList, (t, l) => c.Json.Label(t, repo, l));
        };
        map["issues/list-labels-on-issue"] = c =>
        {
            var repo = c.Repo();
            return c.List(IssueLabels(repo, c.Issue(repo)), (t, l) => c.Json.Label(t, repo, l));
        };
        map["issues/add-labels"] = c =>
        {
            var repo = c.Repo();
            var issue = c.Issue(repo);
            foreach (var label in LabelNames(c.Body?["labels"]))
            {
                repo.AddLabelTo(issue, label);
            }

            return c.List(IssueLabels(repo, issue), (t, l) => c.Json.Label(t, repo, l)) with { Paged = false };
        };
        map["issues/remove-label"] = c =>
        {
            var repo = c.Repo();
            var issue = c.Issue(repo);
            var i = issue.LabelList.FindIndex(l => string.Equals(l, c.Path("name"), StringComparison.OrdinalIgnoreCase));
            if (i < 0)
            {
                throw new GitHubErrorException(404, "Label does not exist");
            }

            issue.LabelList.RemoveAt(i);
            return c.List(IssueLabels(repo, issue), (t, l) => c.Json.Label(t, repo, l)) with { Paged = false };
        };
    }

    private static string CheckedBody(string body, string resource) =>
        body.Length > MaxBodyLength
            ? throw GitHubErrorException.Validation(resource, "body", "custom", $"body is too long (maximum is {MaxBodyLength} characters)")
            : body;

    private static IEnumerable<GitHubFakeLabel> IssueLabels(GitHubFakeRepository repo, GitHubFakeIssue issue) =>
        issue.LabelList.Select(n => repo.LabelList.First(l => string.Equals(l.Name, n, StringComparison.OrdinalIgnoreCase)));

    private static (GitHubFakeIssue Issue, GitHubFakeComment Comment, int Index) FindComment(GitHubFakeRepository repo, long id)
    {
        foreach (var issue in repo.AllIssues)
        {
            var i = issue.CommentList.FindIndex(x => x.Id == id);
            if (i >= 0)
            {
                return (issue, issue.CommentList[i], i);
            }
        }

        throw GitHubErrorException.NotFound();
    }

    /// <summary>Labels as the schemas allow them: names, or objects with a name.</summary>
    private static IEnumerable<string> LabelNames(JsonNode? labels) =>
        labels is JsonArray a
            ? a.Select(l => l is JsonObject o ? o["name"]?.ToString() : l?.ToString()).Where(n => !string.IsNullOrEmpty(n)).Select(n => n!)
            : [];
}

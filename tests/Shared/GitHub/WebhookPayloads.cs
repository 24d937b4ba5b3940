using System.Text.Json.Nodes;

namespace Reconciler.Tests.Shared.GitHub;

/// <summary>
/// Builds webhook payloads from the real examples of @octokit/webhooks-examples (the one for the event and action,
/// else the event's first), with the fake's state filled in the way <see cref="GitHubJson"/> fills API answers.
/// </summary>
internal sealed class WebhookPayloads(GitHubJson json)
{
    public JsonObject PullRequest(string action, GitHubFakePullRequest pr, string sender, string? before = null)
    {
        var o = Template("pull_request", action);
        o["action"] = action;
        o["number"] = pr.Number;
        o["pull_request"] = json.PullRequest(o["pull_request"], pr.Repository, pr);
        if (action == "synchronize")
        {
            o["before"] = before;
            o["after"] = pr.HeadSha;
        }

        return Common(o, pr.Repository, sender);
    }

    public JsonObject Review(string action, GitHubFakePullRequest pr, GitHubFakeReview review)
    {
        var o = Template("pull_request_review", action);
        o["action"] = action;
        o["pull_request"] = json.PullRequest(o["pull_request"], pr.Repository, pr);
        var r = json.Review(o["review"], pr.Repository, pr, review);
        // Webhooks spell review states in lower case (approved, changes_requested …), the REST API in upper case.
        r["state"] = r["state"]!.GetValue<string>().ToLowerInvariant();
        o["review"] = r;
        return Common(o, pr.Repository, review.User);
    }

    public JsonObject IssueComment(string action, GitHubFakeIssue issue, GitHubFakeComment comment, string? previousBody = null)
    {
        var o = Template("issue_comment", action);
        o["action"] = action;
        o["issue"] = json.Issue(o["issue"], issue.Repository, issue);
        o["comment"] = json.Comment(o["comment"], issue.Repository, comment);
        if (action == "edited")
        {
            o["changes"] = new JsonObject { ["body"] = new JsonObject { ["from"] = previousBody } };
        }

        return Common(o, issue.Repository, comment.User);
    }

    public JsonObject Push(GitHubFakeRepository repo, string branch, string before, string after, string pusher, IReadOnlyList<string> files, string message)
    {
        var o = Template("push", null);
        var login = pusher;
        var commit = new JsonObject
        {
            ["id"] = after,
            ["tree_id"] = after,
            ["distinct"] = true,
            ["message"] = message,
            ["timestamp"] = GitHubJson.Time(DateTimeOffset.UtcNow),
            ["url"] = $"{json.WebBase}/{repo.FullName}/commit/{after}",
            ["author"] = new JsonObject { ["name"] = login, ["email"] = login + "@users.noreply.example.invalid", ["username"] = login },
            ["committer"] = new JsonObject { ["name"] = login, ["email"] = login + "@users.noreply.example.invalid", ["username"] = login },
            ["added"] = new JsonArray(),
            ["removed"] = new JsonArray(),
            ["modified"] = new JsonArray(files.Select(f => (JsonNode?)f).ToArray()),
        };
        o["ref"] = "refs/heads/" + branch;
        o["before"] = before;
        o["after"] = after;
        o["created"] = false;
        o["deleted"] = false;
        o["forced"] = false;
        o["base_ref"] = null;
        o["compare"] = $"{json.WebBase}/{repo.FullName}/compare/{before[..12]}...{after[..12]}";
        o["commits"] = new JsonArray(commit);
        o["head_commit"] = commit.DeepClone();
        o["pusher"] = new JsonObject { ["name"] = login, ["email"] = login + "@users.noreply.example.invalid" };
        return Common(o, repo, pusher);
    }

    private static JsonObject Template(string @event, string? action)
    {
        var example = GitHubWebhookExamples.Of(@event, action).FirstOrDefault() ?? GitHubWebhookExamples.Of(@event)[0];
        var o = (JsonObject)JsonNode.Parse(example.Payload.GetRawText())!;
        // Examples come from organizations and app installations; the fake's repositories belong to neither.
        o.Remove("organization");
        o.Remove("installation");
        o.Remove("enterprise");
        return o;
    }

    private JsonObject Common(JsonObject o, GitHubFakeRepository repo, string sender)
    {
        o["repository"] = json.Repository(o["repository"], repo);
        o["sender"] = json.User(o["sender"], sender);
        return o;
    }
}

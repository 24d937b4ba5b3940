using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Reconciler.Tests.Shared.GitHub;

/// <summary>
/// Renders the fake's state as GitHub's JSON: each object starts from the documented example of the operation
/// being answered (so it has every field that operation's schema has, in its shape) and gets the state's values.
/// Only fields the example has are set, so nothing outside the documented shape is added.
/// </summary>
internal sealed class GitHubJson(GitHubFake fake, string apiBase, string webBase)
{
    public string ApiBase { get; } = apiBase;

    public string WebBase { get; } = webBase;

    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string NodeId(string kind, long id) => Convert.ToBase64String(Encoding.ASCII.GetBytes($"{kind}:{id}"));

    public JsonObject User(JsonNode? template, string login)
    {
        var user = fake.User(login);
        var o = Object(template);
        Set(o, "login", user.Login);
        Set(o, "id", user.Id);
        Set(o, "node_id", NodeId("User", user.Id));
        Set(o, "url", $"{ApiBase}/users/{Uri.EscapeDataString(user.Login)}");
        Set(o, "html_url", $"{WebBase}/{Uri.EscapeDataString(user.Login)}");
        Set(o, "type", user.Type);
        Set(o, "site_admin", false);
        Set(o, "name", user.Login);
        Set(o, "email", user.Login + "@users.noreply.example.invalid");
        return o;
    }

    public JsonObject Repository(JsonNode? template, GitHubFakeRepository repo)
    {
        var o = Object(template);
        Set(o, "id", repo.Id);
        Set(o, "node_id", NodeId("Repository", repo.Id));
        Set(o, "name", repo.Name);
        Set(o, "full_name", repo.FullName);
        Set(o, "private", true);
        Set(o, "url", $"{ApiBase}/repos/{repo.FullName}");
        Set(o, "html_url", $"{WebBase}/{repo.FullName}");
        Set(o, "default_branch", repo.DefaultBranch);
        if (o["owner"] is JsonObject owner)
        {
            o["owner"] = User(owner, repo.Owner);
        }

        // Nested objects of the example (organization, parent, source, template_repository) describe other
        // repositories; keep only what this repository has.
        foreach (var key in new[] { "parent", "source", "template_repository" })
        {
            o.Remove(key);
        }

        if (o["organization"] is JsonObject org)
        {
            o["organization"] = User(org, repo.Owner);
        }

        return o;
    }

    public JsonObject Comment(JsonNode? template, GitHubFakeRepository repo, GitHubFakeComment c)
    {
        var o = Object(template);
        Set(o, "id", c.Id);
        Set(o, "node_id", NodeId("IssueComment", c.Id));
        Set(o, "url", $"{ApiBase}/repos/{repo.FullName}/issues/comments/{c.Id}");
        Set(o, "html_url", $"{WebBase}/{repo.FullName}/issues/{c.IssueNumber}#issuecomment-{c.Id}");
        Set(o, "issue_url", $"{ApiBase}/repos/{repo.FullName}/issues/{c.IssueNumber}");
        Set(o, "body", c.Body);
        Set(o, "created_at", Time(c.CreatedAt));
        Set(o, "updated_at", Time(c.UpdatedAt));
        Set(o, "author_association", "MEMBER");
        o.Remove("reactions");
        o.Remove("performed_via_github_app");
        SetUser(o, "user", c.User);

        return o;
    }

    public JsonObject Review(JsonNode? template, GitHubFakeRepository repo, GitHubFakePullRequest pr, GitHubFakeReview r)
    {
        var o = Object(template);
        var html = $"{WebBase}/{repo.FullName}/pull/{pr.Number}#pullrequestreview-{r.Id}";
        var pull = $"{ApiBase}/repos/{repo.FullName}/pulls/{pr.Number}";
        Set(o, "id", r.Id);
        Set(o, "node_id", NodeId("PullRequestReview", r.Id));
        Set(o, "body", r.Body);
        Set(o, "state", r.State switch
        {
            GitHubReviewState.Approved => "APPROVED",
            GitHubReviewState.ChangesRequested => "CHANGES_REQUESTED",
            GitHubReviewState.Commented => "COMMENTED",
            _ => "DISMISSED",
        });
        Set(o, "html_url", html);
        Set(o, "pull_request_url", pull);
        Set(o, "submitted_at", Time(r.SubmittedAt));
        Set(o, "commit_id", r.CommitId);
        Set(o, "author_association", "MEMBER");
        o["_links"] = new JsonObject { ["html"] = new JsonObject { ["href"] = html }, ["pull_request"] = new JsonObject { ["href"] = pull } };
        SetUser(o, "user", r.User);

        return o;
    }

    public JsonObject Status(JsonNode? template, GitHubFakeRepository repo, GitHubFakeStatus s)
    {
        var o = Object(template);
        Set(o, "id", s.Id);
        Set(o, "node_id", NodeId("StatusContext", s.Id));
        Set(o, "url", $"{ApiBase}/repos/{repo.FullName}/statuses/{s.Sha}");
        Set(o, "state", s.State);
        Set(o, "context", s.Context);
        Set(o, "description", s.Description);
        Set(o, "target_url", s.TargetUrl);
        Set(o, "created_at", Time(s.CreatedAt));
        Set(o, "updated_at", Time(s.CreatedAt));
        SetUser(o, "creator", s.Creator);

        return o;
    }

    public JsonObject Label(JsonNode? template, GitHubFakeRepository repo, GitHubFakeLabel l)
    {
        var o = Object(template);
        Set(o, "id", l.Id);
        Set(o, "node_id", NodeId("Label", l.Id));
        Set(o, "url", $"{ApiBase}/repos/{repo.FullName}/labels/{Uri.EscapeDataString(l.Name)}");
        Set(o, "name", l.Name);
        Set(o, "color", l.Color);
        Set(o, "description", l.Description);
        Set(o, "default", false);
        return o;
    }

    public JsonObject Issue(JsonNode? template, GitHubFakeRepository repo, GitHubFakeIssue issue)
    {
        var o = Object(template);
        var id = (long)repo.Id * 100_000 + issue.Number;
        Set(o, "id", id);
        Set(o, "node_id", NodeId("Issue", id));
        Set(o, "number", issue.Number);
        Set(o, "url", $"{ApiBase}/repos/{repo.FullName}/issues/{issue.Number}");
        Set(o, "repository_url", $"{ApiBase}/repos/{repo.FullName}");
        Set(o, "labels_url", $"{ApiBase}/repos/{repo.FullName}/issues/{issue.Number}/labels{{/name}}");
        Set(o, "comments_url", $"{ApiBase}/repos/{repo.FullName}/issues/{issue.Number}/comments");
        Set(o, "events_url", $"{ApiBase}/repos/{repo.FullName}/issues/{issue.Number}/events");
        Set(o, "html_url", $"{WebBase}/{repo.FullName}/{(issue.IsPullRequest ? "pull" : "issues")}/{issue.Number}");
        Set(o, "title", issue.Title);
        Set(o, "body", issue.Body);
        Set(o, "state", issue.State);
        Set(o, "state_reason", issue.StateReason);
        Set(o, "locked", false);
        Set(o, "comments", issue.CommentList.Count);
        Set(o, "created_at", Time(issue.CreatedAt));
        Set(o, "updated_at", Time(issue.UpdatedAt));
        Set(o, "closed_at", issue.ClosedAt is { } c ? Time(c) : null);
        Set(o, "author_association", "MEMBER");
        Set(o, "assignee", null);
        Set(o, "assignees", new JsonArray());
        Set(o, "milestone", null);
        Set(o, "closed_by", null);
        foreach (var key in new[] { "reactions", "performed_via_github_app", "sub_issues_summary", "issue_dependencies_summary", "type", "pinned_comment", "issue_field_values", "parent_issue_url" })
        {
            o.Remove(key);
        }

        SetUser(o, "user", issue.Author);

        SetLabels(o, repo, issue);

        if (issue.IsPullRequest && repo.FindPull(issue.Number) is { } pr)
        {
            o["pull_request"] = new JsonObject
            {
                ["url"] = $"{ApiBase}/repos/{repo.FullName}/pulls/{pr.Number}",
                ["html_url"] = $"{WebBase}/{repo.FullName}/pull/{pr.Number}",
                ["diff_url"] = $"{WebBase}/{repo.FullName}/pull/{pr.Number}.diff",
                ["patch_url"] = $"{WebBase}/{repo.FullName}/pull/{pr.Number}.patch",
                ["merged_at"] = pr.MergedAt is { } m ? Time(m) : null,
            };
        }
        else
        {
            o.Remove("pull_request");
        }

        return o;
    }

    public JsonObject PullRequest(JsonNode? template, GitHubFakeRepository repo, GitHubFakePullRequest pr)
    {
        var o = Object(template);
        var issue = pr.Issue;
        var id = (long)repo.Id * 100_000 + pr.Number;
        var url = $"{ApiBase}/repos/{repo.FullName}/pulls/{pr.Number}";
        var html = $"{WebBase}/{repo.FullName}/pull/{pr.Number}";
        Set(o, "id", id);
        Set(o, "node_id", NodeId("PullRequest", id));
        Set(o, "number", pr.Number);
        Set(o, "url", url);
        Set(o, "html_url", html);
        Set(o, "diff_url", html + ".diff");
        Set(o, "patch_url", html + ".patch");
        Set(o, "issue_url", $"{ApiBase}/repos/{repo.FullName}/issues/{pr.Number}");
        Set(o, "commits_url", url + "/commits");
        Set(o, "review_comments_url", url + "/comments");
        Set(o, "comments_url", $"{ApiBase}/repos/{repo.FullName}/issues/{pr.Number}/comments");
        Set(o, "statuses_url", $"{ApiBase}/repos/{repo.FullName}/statuses/{pr.HeadSha}");
        Set(o, "state", issue.State);
        Set(o, "locked", false);
        Set(o, "title", issue.Title);
        Set(o, "body", issue.Body);
        Set(o, "created_at", Time(issue.CreatedAt));
        Set(o, "updated_at", Time(issue.UpdatedAt));
        Set(o, "closed_at", issue.ClosedAt is { } c ? Time(c) : null);
        Set(o, "merged_at", pr.MergedAt is { } m ? Time(m) : null);
        Set(o, "merge_commit_sha", pr.MergeCommitSha);
        Set(o, "merged", pr.Merged);
        Set(o, "mergeable", issue.State == "open" ? true : null);
        Set(o, "mergeable_state", issue.State == "open" ? "clean" : "unknown");
        Set(o, "merged_by", null);
        Set(o, "draft", false);
        Set(o, "assignee", null);
        Set(o, "assignees", new JsonArray());
        Set(o, "requested_reviewers", new JsonArray());
        Set(o, "requested_teams", new JsonArray());
        Set(o, "milestone", null);
        Set(o, "auto_merge", null);
        Set(o, "active_lock_reason", null);
        Set(o, "author_association", "MEMBER");
        Set(o, "comments", issue.CommentList.Count);
        Set(o, "review_comments", 0);
        Set(o, "commits", pr.CommitCount);
        Set(o, "changed_files", pr.Files.Count);
        Set(o, "additions", pr.Files.Count);
        Set(o, "deletions", 0);
        SetUser(o, "user", issue.Author);

        SetLabels(o, repo, issue);

        o["head"] = Branch(o["head"], repo, pr.HeadRef, pr.HeadSha, issue.Author);
        o["base"] = Branch(o["base"], repo, pr.BaseRef, pr.BaseSha, repo.Owner);
        if (o["_links"] is JsonObject)
        {
            o["_links"] = new JsonObject
            {
                ["self"] = new JsonObject { ["href"] = url },
                ["html"] = new JsonObject { ["href"] = html },
                ["issue"] = new JsonObject { ["href"] = $"{ApiBase}/repos/{repo.FullName}/issues/{pr.Number}" },
                ["comments"] = new JsonObject { ["href"] = $"{ApiBase}/repos/{repo.FullName}/issues/{pr.Number}/comments" },
                ["review_comments"] = new JsonObject { ["href"] = url + "/comments" },
                ["review_comment"] = new JsonObject { ["href"] = $"{ApiBase}/repos/{repo.FullName}/pulls/comments{{/number}}" },
                ["commits"] = new JsonObject { ["href"] = url + "/commits" },
                ["statuses"] = new JsonObject { ["href"] = $"{ApiBase}/repos/{repo.FullName}/statuses/{pr.HeadSha}" },
            };
        }

        return o;
    }

    public JsonObject Team(JsonNode? template, GitHubFakeTeam team)
    {
        var o = Object(template);
        Set(o, "id", team.Id);
        Set(o, "node_id", NodeId("Team", team.Id));
        Set(o, "slug", team.Slug);
        Set(o, "name", team.Slug);
        Set(o, "url", $"{ApiBase}/teams/{team.Id}");
        Set(o, "html_url", $"{WebBase}/orgs/{team.Organization.Login}/teams/{team.Slug}");
        Set(o, "members_url", $"{ApiBase}/teams/{team.Id}/members{{/member}}");
        Set(o, "repositories_url", $"{ApiBase}/teams/{team.Id}/repos");
        Set(o, "members_count", team.Members.Count);
        Set(o, "parent", null);
        if (o["organization"] is JsonObject org)
        {
            var orgJson = User(org, team.Organization.Login);
            Set(orgJson, "type", "Organization");
            o["organization"] = orgJson;
        }

        return o;
    }

    public JsonObject Installation(JsonNode? template, GitHubFakeApp app, long installationId, string account)
    {
        var o = Object(template);
        Set(o, "id", installationId);
        Set(o, "app_id", app.Id);
        Set(o, "app_slug", app.Slug);
        Set(o, "target_id", fake.User(account).Id);
        Set(o, "target_type", fake.User(account).Type);
        Set(o, "access_tokens_url", $"{ApiBase}/app/installations/{installationId}/access_tokens");
        Set(o, "repositories_url", $"{ApiBase}/installation/repositories");
        Set(o, "html_url", $"{WebBase}/settings/installations/{installationId}");
        Set(o, "suspended_at", null);
        Set(o, "suspended_by", null);
        SetUser(o, "account", account);

        return o;
    }

    private JsonObject Branch(JsonNode? template, GitHubFakeRepository repo, string name, string sha, string userLogin)
    {
        var o = Object(template);
        Set(o, "label", $"{repo.Owner}:{name}");
        Set(o, "ref", name);
        Set(o, "sha", sha);
        SetUser(o, "user", userLogin);

        if (o["repo"] is JsonObject r)
        {
            o["repo"] = Repository(r, repo);
        }

        return o;
    }

    private void SetUser(JsonObject o, string key, string login)
    {
        if (o.ContainsKey(key))
        {
            o[key] = User(o[key], login);
        }
    }

    private void SetLabels(JsonObject o, GitHubFakeRepository repo, GitHubFakeIssue issue)
    {
        if (o["labels"] is JsonArray labels)
        {
            var labelTemplate = labels.FirstOrDefault() as JsonObject;
            o["labels"] = new JsonArray(issue.LabelList
                .Select(name => repo.LabelList.First(l => string.Equals(l.Name, name, StringComparison.OrdinalIgnoreCase)))
                .Select(l => (JsonNode?)Label(labelTemplate, repo, l)).ToArray());
        }
    }

    private static JsonObject Object(JsonNode? template) => template?.DeepClone() as JsonObject ?? new JsonObject();

    private static void Set(JsonObject o, string key, JsonNode? value)
    {
        if (o.ContainsKey(key))
        {
            o[key] = value;
        }
    }
}

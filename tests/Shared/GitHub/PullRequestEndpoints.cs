using System.Text.Json.Nodes;

namespace Reconciler.Tests.Shared.GitHub;

/// <summary>Pull requests, their changed files and reviews.</summary>
internal static class PullRequestEndpoints
{
    public static void Register(IDictionary<string, Func<GitHubCall, GitHubReply>> map)
    {
        map["pulls/get"] = c =>
        {
            var repo = c.Repo();
            return c.Ok(c.Json.PullRequest(c.Template(200), repo, c.Pull(repo)));
        };
        map["pulls/list"] = c =>
        {
            var repo = c.Repo();
            var state = c.Query("state") ?? "open";
            var head = c.Query("head");
            var baseRef = c.Query("base");
            var pulls = repo.AllIssues.Where(i => i.IsPullRequest).Select(i => repo.FindPull(i.Number)!)
                .Where(p => state == "all" || p.Issue.State == state)
                .Where(p => head is null || head == $"{repo.Owner}:{p.HeadRef}" || head == p.HeadRef)
                .Where(p => baseRef is null || baseRef == p.BaseRef);
            pulls = c.Query("direction") == "asc" ? pulls.OrderBy(p => p.Number) : pulls.OrderByDescending(p => p.Number);
            return c.List(pulls, (t, p) => c.Json.PullRequest(t, repo, p));
        };
        map["pulls/list-files"] = c =>
        {
            var repo = c.Repo();
            var pr = c.Pull(repo);
            return c.List(pr.Files, (t, f) => File(c.Json, t, repo, pr, f));
        };
        map["pulls/list-reviews"] = c =>
        {
            var repo = c.Repo();
            var pr = c.Pull(repo);
            return c.List(pr.ReviewList, (t, r) => c.Json.Review(t, repo, pr, r));
        };
        map["pulls/get-review"] = c =>
        {
            var repo = c.Repo();
            var pr = c.Pull(repo);
            var review = pr.ReviewList.FirstOrDefault(r => r.Id == c.PathLong("review_id")) ?? throw GitHubErrorException.NotFound();
            return c.Ok(c.Json.Review(c.Template(200), repo, pr, review));
        };
        map["pulls/create-review"] = c =>
        {
            var repo = c.Repo();
            var pr = c.Pull(repo);
            var state = c.BodyString("event") switch
            {
                "APPROVE" => GitHubReviewState.Approved,
                "REQUEST_CHANGES" => GitHubReviewState.ChangesRequested,
                "COMMENT" => GitHubReviewState.Commented,
                _ => throw new GitHubErrorException(422, "Unprocessable Entity", new JsonArray("the fake models submitted reviews only: send event")),
            };
            if (state == GitHubReviewState.Approved && string.Equals(c.Caller.Login, pr.Author, StringComparison.OrdinalIgnoreCase))
            {
                throw new GitHubErrorException(422, "Unprocessable Entity", new JsonArray("Review Can not approve your own pull request"));
            }

            var review = pr.AddReview(c.Caller.Login, state, c.BodyString("commit_id"), body: c.BodyString("body") ?? "");
            return c.Ok(c.Json.Review(c.Template(200), repo, pr, review));
        };
        map["pulls/check-if-merged"] = c =>
        {
            var repo = c.Repo();
            return c.Pull(repo).Merged ? GitHubReply.NoContent() : throw GitHubErrorException.NotFound();
        };
    }

    private static JsonObject File(GitHubJson json, JsonObject? template, GitHubFakeRepository repo, GitHubFakePullRequest pr, string path)
    {
        var o = template?.DeepClone() as JsonObject ?? new JsonObject();
        var escaped = string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
        o["sha"] = Convert.ToHexString(System.Security.Cryptography.SHA1.HashData(System.Text.Encoding.UTF8.GetBytes(pr.HeadSha + path))).ToLowerInvariant();
        o["filename"] = path;
        o["status"] = "modified";
        o["additions"] = 1;
        o["deletions"] = 0;
        o["changes"] = 1;
        o["blob_url"] = $"{json.WebBase}/{repo.FullName}/blob/{pr.HeadSha}/{escaped}";
        o["raw_url"] = $"{json.WebBase}/{repo.FullName}/raw/{pr.HeadSha}/{escaped}";
        o["contents_url"] = $"{json.ApiBase}/repos/{repo.FullName}/contents/{escaped}?ref={pr.HeadSha}";
        o.Remove("patch");
        o.Remove("previous_filename");
        return o;
    }
}

using System.Text.Json.Nodes;

namespace Reconciler.Tests.Shared.GitHub;

/// <summary>GitHub App endpoints, called with the app's JWT: the app itself, its installations, and the exchange
/// of the JWT for an installation token.</summary>
internal static class AppEndpoints
{
    /// <summary>Operations that take the app's JWT instead of a token.</summary>
    public static readonly IReadOnlySet<string> NeedJwt = new HashSet<string>(StringComparer.Ordinal)
    {
        "apps/get-authenticated", "apps/create-installation-access-token", "apps/get-installation", "apps/get-repo-installation",
        "apps/list-installations", "apps/get-org-installation", "apps/get-user-installation",
    };

    public static void Register(IDictionary<string, Func<GitHubCall, GitHubReply>> map)
    {
        map["apps/get-authenticated"] = c =>
        {
            var app = c.Caller.App!;
            var o = c.Template(200) ?? new JsonObject();
            o["id"] = app.Id;
            o["slug"] = app.Slug;
            o["node_id"] = GitHubJson.NodeId("Integration", app.Id);
            o["name"] = app.Slug;
            o["html_url"] = $"{c.Json.WebBase}/apps/{app.Slug}";
            if (o["owner"] is JsonObject owner)
            {
                o["owner"] = c.Json.User(owner, c.Fake.Options.TokenLogin);
            }

            return c.Ok(o);
        };
        map["apps/get-installation"] = c =>
        {
            var app = c.Caller.App!;
            var id = c.PathLong("installation_id");
            var account = app.InstallationAccount(id) ?? throw GitHubErrorException.NotFound();
            return c.Ok(c.Json.Installation(c.Template(200), app, id, account));
        };
        map["apps/get-repo-installation"] = c =>
        {
            var app = c.Caller.App!;
            var repo = c.Fake.FindRepo(c.Path("owner"), c.Path("repo")) ?? throw GitHubErrorException.NotFound();
            var id = app.InstallationFor(repo.Owner) ?? throw GitHubErrorException.NotFound();
            return c.Ok(c.Json.Installation(c.Template(200), app, id, repo.Owner));
        };
        map["apps/create-installation-access-token"] = c =>
        {
            var app = c.Caller.App!;
            var id = c.PathLong("installation_id");
            var account = app.InstallationAccount(id) ?? throw GitHubErrorException.NotFound();
            var token = app.Issue(id);
            var o = c.Template(201) ?? new JsonObject();
            o["token"] = token.Token;
            o["expires_at"] = GitHubJson.Time(token.ExpiresAt);
            o["repository_selection"] = "all";
            o.Remove("repositories");
            o.Remove("single_file");
            o.Remove("single_file_paths");
            o.Remove("has_multiple_single_files");
            _ = account;
            return c.Ok(o, 201);
        };
    }
}

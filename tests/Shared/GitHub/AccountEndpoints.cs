namespace Reconciler.Tests.Shared.GitHub;

/// <summary>Users, the authenticated user, repositories.</summary>
internal static class AccountEndpoints
{
    public static void Register(IDictionary<string, Func<GitHubCall, GitHubReply>> map)
    {
        map["users/get-authenticated"] = c => c.Caller.Kind == GitHubCallerKind.Token
            ? c.Ok(c.Json.User(c.Template(200), c.Caller.Login))
            : throw new GitHubErrorException(403, "Resource not accessible by integration");
        map["users/get-by-username"] = c =>
            c.Fake.FindUser(c.Path("username")) is { } u
                ? c.Ok(c.Json.User(c.Template(200), u.Login))
                : throw GitHubErrorException.NotFound();
        map["repos/get"] = c => c.Ok(c.Json.Repository(c.Template(200), c.Repo()));
    }
}

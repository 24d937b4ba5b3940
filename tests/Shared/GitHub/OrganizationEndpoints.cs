using System.Text.Json.Nodes;

namespace Reconciler.Tests.Shared.GitHub;

/// <summary>Organization membership, teams and team membership.</summary>
internal static class OrganizationEndpoints
{
    public static void Register(IDictionary<string, Func<GitHubCall, GitHubReply>> map)
    {
        map["teams/get-by-name"] = c => c.Ok(c.Json.Team(c.Template(200), Team(c)));
        map["teams/get-membership-for-user-in-org"] = c => Membership(c, Team(c));
        map["teams/get-membership-for-user-legacy"] = c =>
            Membership(c, c.Fake.FindTeam(c.PathLong("team_id")) ?? throw GitHubErrorException.NotFound());
        map["teams/list-members-in-org"] = c =>
        {
            var team = Team(c);
            var role = c.Query("role") ?? "all";
            var members = team.Members.Where(m => role == "all" || team.Membership(m)!.Value.Role == role);
            return c.List(members, (t, m) => c.Json.User(t, m));
        };
        map["orgs/check-membership-for-user"] = c =>
        {
            var org = c.Fake.FindOrg(c.Path("org")) ?? throw GitHubErrorException.NotFound();
            return org.HasMember(c.Path("username")) ? GitHubReply.NoContent() : throw GitHubErrorException.NotFound();
        };
    }

    private static GitHubFakeTeam Team(GitHubCall c) =>
        c.Fake.FindOrg(c.Path("org"))?.FindTeam(c.Path("team_slug")) ?? throw GitHubErrorException.NotFound();

    private static GitHubReply Membership(GitHubCall c, GitHubFakeTeam team)
    {
        var login = c.Path("username");
        var m = team.Membership(login) ?? throw GitHubErrorException.NotFound();
        var o = c.Template(200) ?? new JsonObject();
        o["url"] = $"{c.Json.ApiBase}/teams/{team.Id}/memberships/{Uri.EscapeDataString(login)}";
        o["role"] = m.Role;
        o["state"] = m.State;
        return c.Ok(o);
    }
}

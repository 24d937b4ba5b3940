namespace Reconciler.Tests.Shared.GitHub;

/// <summary>A team of an organization; members have the role "member" or "maintainer" and the state "active" or
/// "pending" (an invitation not yet accepted).</summary>
public sealed class GitHubFakeTeam
{
    private readonly GitHubFake _fake;
    private readonly Dictionary<string, (string Role, string State)> _members = new(StringComparer.OrdinalIgnoreCase);

    internal GitHubFakeTeam(GitHubFake fake, GitHubFakeOrganization organization, string slug, long id)
    {
        _fake = fake;
        Organization = organization;
        Slug = slug;
        Id = id;
    }

    public GitHubFakeOrganization Organization { get; }

    public string Slug { get; }

    public long Id { get; }

    public IReadOnlyCollection<string> Members { get { lock (_fake.Gate) { return _members.Keys.ToList(); } } }

    /// <summary>Adds a member (also to the organization).</summary>
    public GitHubFakeTeam AddMember(string login, string role = "member", string state = "active")
    {
        Organization.AddMember(login);
        lock (_fake.Gate)
        {
            _members[login] = (role, state);
        }

        return this;
    }

    public void RemoveMember(string login)
    {
        lock (_fake.Gate)
        {
            _members.Remove(login);
        }
    }

    internal (string Role, string State)? Membership(string login) => _members.TryGetValue(login, out var m) ? m : null;
}

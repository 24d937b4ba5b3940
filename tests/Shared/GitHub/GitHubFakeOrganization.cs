namespace Reconciler.Tests.Shared.GitHub;

/// <summary>An organization: its members and teams (by slug). Made by <see cref="GitHubFake.Org"/>.</summary>
public sealed class GitHubFakeOrganization
{
    private readonly GitHubFake _fake;
    private readonly Dictionary<string, GitHubFakeTeam> _teams = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _members = new(StringComparer.OrdinalIgnoreCase);

    internal GitHubFakeOrganization(GitHubFake fake, string login)
    {
        _fake = fake;
        Login = login;
    }

    public string Login { get; }

    public IReadOnlyCollection<string> Members { get { lock (_fake.Gate) { return _members.ToList(); } } }

    /// <summary>The team with this slug, made on first use.</summary>
    public GitHubFakeTeam Team(string slug)
    {
        lock (_fake.Gate)
        {
            if (!_teams.TryGetValue(slug, out var team))
            {
                team = new GitHubFakeTeam(_fake, this, slug, _fake.NextId());
                _teams[slug] = team;
            }

            return team;
        }
    }

    public void AddMember(string login)
    {
        lock (_fake.Gate)
        {
            _fake.User(login);
            _members.Add(login);
        }
    }

    internal GitHubFakeTeam? FindTeam(string slug) => _teams.GetValueOrDefault(slug);

    internal IEnumerable<GitHubFakeTeam> AllTeams => _teams.Values;

    internal bool HasMember(string login) => _members.Contains(login);
}

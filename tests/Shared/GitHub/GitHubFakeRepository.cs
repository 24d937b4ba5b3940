namespace Reconciler.Tests.Shared.GitHub;

/// <summary>A repository in the fake: pull requests and issues (one number sequence), labels, branches and
/// commit statuses. Made by <see cref="GitHubFake.Repo"/>; read and changed under the fake's lock.</summary>
public sealed class GitHubFakeRepository
{
    private readonly GitHubFake _fake;
    private readonly SortedDictionary<int, GitHubFakeIssue> _issues = [];
    private readonly Dictionary<int, GitHubFakePullRequest> _pulls = [];
    private readonly List<GitHubFakeLabel> _labels = [];
    private readonly List<GitHubFakeStatus> _statuses = [];
    private readonly Dictionary<string, string> _branches = new(StringComparer.Ordinal);
    private string _defaultBranch = "main";

    internal GitHubFakeRepository(GitHubFake fake, string owner, string name, long id)
    {
        _fake = fake;
        Owner = owner;
        Name = name;
        Id = id;
        _branches[_defaultBranch] = new string('0', 40);
    }

    public string Owner { get; }

    public string Name { get; }

    public string FullName => $"{Owner}/{Name}";

    public long Id { get; }

    public string DefaultBranch
    {
        get { lock (_fake.Gate) { return _defaultBranch; } }
        set { lock (_fake.Gate) { _defaultBranch = value; _branches.TryAdd(value, new string('0', 40)); } }
    }

    public IReadOnlyList<GitHubFakePullRequest> PullRequests { get { lock (_fake.Gate) { return _pulls.Values.OrderBy(p => p.Number).ToList(); } } }

    /// <summary>Issues proper (not the issue side of pull requests).</summary>
    public IReadOnlyList<GitHubFakeIssue> Issues { get { lock (_fake.Gate) { return _issues.Values.Where(i => !i.IsPullRequest).ToList(); } } }

    public IReadOnlyList<GitHubFakeLabel> Labels { get { lock (_fake.Gate) { return _labels.ToList(); } } }

    internal IEnumerable<GitHubFakeIssue> AllIssues => _issues.Values;

    internal List<GitHubFakeLabel> LabelList => _labels;

    internal List<GitHubFakeStatus> StatusList => _statuses;

    public GitHubFakePullRequest OpenPullRequest(
        string headRef,
        string headSha,
        IEnumerable<string>? files = null,
        string author = "octocat",
        string? baseRef = null,
        string? title = null,
        string body = "")
    {
        lock (_fake.Gate)
        {
            _fake.User(author);
            var number = NextNumber();
            var issue = new GitHubFakeIssue(_fake, this, number, title ?? $"Change {headRef}", body, author, isPullRequest: true);
            var baseName = baseRef ?? _defaultBranch;
            var pr = new GitHubFakePullRequest(_fake, issue, headRef, headSha, baseName, Branch(baseName) ?? new string('0', 40), files ?? []);
            _issues[number] = issue;
            _pulls[number] = pr;
            _branches[headRef] = headSha;
            return pr;
        }
    }

    public GitHubFakeIssue OpenIssue(string title, string body = "", string author = "octocat", params string[] labels)
    {
        lock (_fake.Gate)
        {
            _fake.User(author);
            var issue = CreateIssue(title, body, author);
            foreach (var l in labels)
            {
                AddLabelTo(issue, l);
            }

            return issue;
        }
    }

    public GitHubFakePullRequest PullRequest(int number)
    {
        lock (_fake.Gate)
        {
            return _pulls.TryGetValue(number, out var pr) ? pr : throw new ArgumentException($"{FullName} has no pull request #{number}", nameof(number));
        }
    }

    public GitHubFakeIssue Issue(int number)
    {
        lock (_fake.Gate)
        {
            return _issues.TryGetValue(number, out var i) ? i : throw new ArgumentException($"{FullName} has no issue #{number}", nameof(number));
        }
    }

    /// <summary>The statuses of a commit, newest first (as GitHub lists them).</summary>
    public IReadOnlyList<GitHubFakeStatus> Statuses(string sha)
    {
        lock (_fake.Gate)
        {
            return _statuses.Where(s => s.Sha == sha).Reverse().ToList();
        }
    }

    public GitHubFakeLabel AddLabel(string name, string color = "ededed", string? description = null)
    {
        lock (_fake.Gate)
        {
            var label = new GitHubFakeLabel(_fake.NextId(), name, color, description);
            _labels.Add(label);
            return label;
        }
    }

    /// <summary>Where a branch points, or null.</summary>
    public string? Branch(string name)
    {
        lock (_fake.Gate)
        {
            return _branches.GetValueOrDefault(name);
        }
    }

    internal void SetBranch(string name, string sha) => _branches[name] = sha;

    /// <summary>A ref as the commit endpoints take it: a SHA, a branch name, or heads/NAME.</summary>
    internal string ResolveRef(string reference)
    {
        var name = reference.StartsWith("heads/", StringComparison.Ordinal) ? reference["heads/".Length..] : reference;
        return _branches.GetValueOrDefault(name) ?? reference;
    }

    internal GitHubFakeIssue? FindIssue(int number) => _issues.GetValueOrDefault(number);

    internal GitHubFakePullRequest? FindPull(int number) => _pulls.GetValueOrDefault(number);

    internal GitHubFakeIssue CreateIssue(string title, string body, string author)
    {
        var issue = new GitHubFakeIssue(_fake, this, NextNumber(), title, body, author, isPullRequest: false);
        _issues[issue.Number] = issue;
        return issue;
    }

    /// <summary>Adds a label to an issue, creating the repository label as GitHub does when it is missing.</summary>
    internal GitHubFakeLabel AddLabelTo(GitHubFakeIssue issue, string name)
    {
        var label = _labels.FirstOrDefault(l => string.Equals(l.Name, name, StringComparison.OrdinalIgnoreCase));
        if (label is null)
        {
            label = new GitHubFakeLabel(_fake.NextId(), name, "ededed", null);
            _labels.Add(label);
        }

        if (!issue.LabelList.Contains(label.Name, StringComparer.OrdinalIgnoreCase))
        {
            issue.LabelList.Add(label.Name);
        }

        return label;
    }

    private int NextNumber() => _issues.Count == 0 ? 1 : _issues.Keys.Max() + 1;
}

namespace Reconciler.Tests.Shared.GitHub;

/// <summary>
/// An issue, or the issue side of a pull request (GitHub numbers both in one sequence, and a pull request's
/// conversation comments and labels are its issue's). Read and changed under the fake's lock.
/// </summary>
public sealed class GitHubFakeIssue
{
    private readonly GitHubFake _fake;
    private readonly List<GitHubFakeComment> _comments = [];
    private readonly List<string> _labels = [];

    internal GitHubFakeIssue(GitHubFake fake, GitHubFakeRepository repository, int number, string title, string body, string author, bool isPullRequest)
    {
        _fake = fake;
        Repository = repository;
        Number = number;
        Title = title;
        Body = body;
        Author = author;
        IsPullRequest = isPullRequest;
        CreatedAt = UpdatedAt = fake.Now;
    }

    public GitHubFakeRepository Repository { get; }

    public int Number { get; }

    public bool IsPullRequest { get; }

    public string Author { get; }

    public DateTimeOffset CreatedAt { get; }

    public string Title { get { lock (_fake.Gate) { return _title; } } internal set { _title = value; } }

    public string Body { get { lock (_fake.Gate) { return _body; } } internal set { _body = value; } }

    /// <summary>"open" or "closed".</summary>
    public string State { get { lock (_fake.Gate) { return _state; } } internal set { _state = value; } }

    /// <summary>"completed", "not_planned", "reopened" or null.</summary>
    public string? StateReason { get; internal set; }

    public DateTimeOffset UpdatedAt { get; internal set; }

    public DateTimeOffset? ClosedAt { get; internal set; }

    public IReadOnlyList<string> Labels { get { lock (_fake.Gate) { return _labels.ToList(); } } }

    public IReadOnlyList<GitHubFakeComment> Comments { get { lock (_fake.Gate) { return _comments.ToList(); } } }

    internal List<GitHubFakeComment> CommentList => _comments;

    internal List<string> LabelList => _labels;

    private string _title = "";
    private string _body = "";
    private string _state = "open";

    /// <summary>A comment someone else writes (e.g. a <c>/reconciler plan</c> command from a reviewer).</summary>
    public GitHubFakeComment AddComment(string user, string body)
    {
        lock (_fake.Gate)
        {
            _fake.User(user);
            var now = _fake.Now;
            var c = new GitHubFakeComment(_fake.NextId(), Number, user, body, now, now, 0);
            _comments.Add(c);
            UpdatedAt = now;
            return c;
        }
    }

    public void Close(string reason = "completed")
    {
        lock (_fake.Gate)
        {
            SetState("closed", reason);
        }
    }

    internal void SetState(string state, string? reason)
    {
        if (_state == state)
        {
            return;
        }

        _state = state;
        StateReason = state == "closed" ? reason ?? "completed" : "reopened";
        ClosedAt = state == "closed" ? _fake.Now : null;
        UpdatedAt = _fake.Now;
    }
}

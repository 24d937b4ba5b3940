namespace Reconciler.Tests.Shared.GitHub;

/// <summary>
/// A pull request: head ref and SHA (moved by <see cref="Push"/>), base ref, changed files, reviews, and its issue
/// side (<see cref="Issue"/>: conversation comments, labels). Read and changed under the fake's lock.
/// </summary>
public sealed class GitHubFakePullRequest
{
    private readonly GitHubFake _fake;
    private readonly List<GitHubFakeReview> _reviews = [];
    private readonly List<(string Sha, DateTimeOffset At)> _pushes = [];
    private List<string> _files;
    private string _headSha;

    internal GitHubFakePullRequest(GitHubFake fake, GitHubFakeIssue issue, string headRef, string headSha, string baseRef, string baseSha, IEnumerable<string> files)
    {
        _fake = fake;
        Issue = issue;
        HeadRef = headRef;
        _headSha = headSha;
        BaseRef = baseRef;
        BaseSha = baseSha;
        _files = files.ToList();
        _pushes.Add((headSha, fake.Now));
    }

    public GitHubFakeIssue Issue { get; }

    public GitHubFakeRepository Repository => Issue.Repository;

    public int Number => Issue.Number;

    public string Title => Issue.Title;

    public string Author => Issue.Author;

    public string HeadRef { get; }

    public string HeadSha { get { lock (_fake.Gate) { return _headSha; } } }

    public string BaseRef { get; }

    public string BaseSha { get; }

    /// <summary>"open" or "closed" (a merged pull request is closed and <see cref="Merged"/>).</summary>
    public string State => Issue.State;

    public bool Merged { get; private set; }

    public string? MergeCommitSha { get; private set; }

    public DateTimeOffset? MergedAt { get; private set; }

    /// <summary>When the current head was pushed.</summary>
    public DateTimeOffset LastPushAt { get { lock (_fake.Gate) { return _pushes[^1].At; } } }

    public IReadOnlyList<string> Files { get { lock (_fake.Gate) { return _files.ToList(); } } }

    public IReadOnlyList<GitHubFakeReview> Reviews { get { lock (_fake.Gate) { return _reviews.ToList(); } } }

    public IReadOnlyList<GitHubFakeComment> Comments => Issue.Comments;

    internal List<GitHubFakeReview> ReviewList => _reviews;

    internal int CommitCount => _pushes.Count;

    /// <summary>A new head commit; <paramref name="files"/> replaces the changed-file list when given.</summary>
    public void Push(string newHeadSha, IEnumerable<string>? files = null)
    {
        lock (_fake.Gate)
        {
            _headSha = newHeadSha;
            _pushes.Add((newHeadSha, _fake.Now));
            if (files is not null)
            {
                _files = files.ToList();
            }

            Repository.SetBranch(HeadRef, newHeadSha);
            Issue.UpdatedAt = _fake.Now;
        }
    }

    /// <summary>A submitted review; on the current head and now unless told otherwise.</summary>
    public GitHubFakeReview AddReview(string user, GitHubReviewState state, string? commitId = null, DateTimeOffset? submittedAt = null, string body = "")
    {
        lock (_fake.Gate)
        {
            _fake.User(user);
            var review = new GitHubFakeReview(_fake.NextId(), user, state, commitId ?? _headSha, submittedAt ?? _fake.Now, body);
            _reviews.Add(review);
            return review;
        }
    }

    /// <summary>Dismisses a review (its state becomes DISMISSED, as on GitHub).</summary>
    public void DismissReview(long reviewId)
    {
        lock (_fake.Gate)
        {
            var i = _reviews.FindIndex(r => r.Id == reviewId);
            if (i < 0)
            {
                throw new ArgumentException($"pull request #{Number} has no review {reviewId}", nameof(reviewId));
            }

            _reviews[i] = _reviews[i] with { State = GitHubReviewState.Dismissed };
        }
    }

    /// <summary>Merges: closed, merged, the base branch moves to <paramref name="mergeCommitSha"/>.</summary>
    public void Merge(string mergeCommitSha)
    {
        lock (_fake.Gate)
        {
            Merged = true;
            MergeCommitSha = mergeCommitSha;
            MergedAt = _fake.Now;
            Issue.SetState("closed", "completed");
            Repository.SetBranch(BaseRef, mergeCommitSha);
        }
    }

    public void Close()
    {
        lock (_fake.Gate)
        {
            Issue.SetState("closed", "completed");
        }
    }

    public GitHubFakeComment AddComment(string user, string body) => Issue.AddComment(user, body);
}

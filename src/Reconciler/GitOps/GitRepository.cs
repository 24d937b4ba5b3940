using System.Globalization;

namespace Reconciler.GitOps;

/// <summary>
/// The daemon's own clone of the portfolio repository (never a person's checkout): it tracks one branch, commits as
/// the daemon's author, pushes with rebase-and-retry, and keeps apply records as git notes under
/// <see cref="NotesRef"/>. Every call that reaches the remote carries the credentials as environment only.
/// </summary>
public sealed class GitRepository
{
    public const string NotesRef = "refs/notes/reconciler";
    private const string RemoteNotesRef = "refs/notes/reconciler-remote";

    private readonly GitCredentials _credentials;
    private readonly GitAuthor _author;

    public GitRepository(string url, string branch, string workTree, GitCredentials credentials, GitAuthor author)
    {
        Url = url;
        Branch = branch;
        WorkTree = workTree;
        _credentials = credentials;
        _author = author;
    }

    public string Url { get; }

    public string Branch { get; }

    public string WorkTree { get; }

    /// <summary>How many times a push is tried when the remote moved in between (rebasing each time).</summary>
    public int MaxPushAttempts { get; init; } = 5;

    /// <summary>Clones the repository into <see cref="WorkTree"/> unless a clone of it is already there.</summary>
    public async Task EnsureClonedAsync(CancellationToken ct)
    {
        if (Directory.Exists(Path.Combine(WorkTree, ".git")))
        {
            var url = await RunAsync(ct, "config", "--get", "remote.origin.url");
            if (url.Ok && url.StdOut.Trim() == Url)
            {
                return;
            }

            // A clone of something else (the configured repository changed): start over rather than mix histories.
            Directory.Delete(WorkTree, recursive: true);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(WorkTree))!);
        var clone = await GitCli.RunAsync(Path.GetDirectoryName(Path.GetFullPath(WorkTree))!, await CredentialsAsync(ct), null, ct,
            "clone", "--no-tags", "--branch", Branch, "--", Url, WorkTree);
        if (!clone.Ok)
        {
            throw new GitException($"cannot clone {Url} (branch {Branch}) into {WorkTree}: {clone.StdErr.Trim()}");
        }

        await CheckAsync(ct, "set the daemon's identity", "config", "user.name", _author.Name);
        await CheckAsync(ct, "set the daemon's identity", "config", "user.email", _author.Email);
    }

    /// <summary>
    /// Fetches the tracked branch and the notes, and makes the work tree exactly the remote branch: the daemon keeps
    /// nothing unpushed between ticks (what it writes is derived state, so a lost commit is simply written again).
    /// Returns the commit now checked out.
    /// </summary>
    public async Task<string> SyncAsync(CancellationToken ct)
    {
        await FetchBranchAsync(ct);
        await FetchNotesAsync(ct);
        await CheckAsync(ct, "check out the tracked branch", "checkout", "-q", "-B", Branch, $"refs/remotes/origin/{Branch}");
        await CheckAsync(ct, "reset to the tracked branch", "reset", "-q", "--hard", $"refs/remotes/origin/{Branch}");
        await RunAsync(ct, "clean", "-fdq", "--", "drift");
        return await HeadAsync(ct);
    }

    public async Task<string> HeadAsync(CancellationToken ct) => (await CheckAsync(ct, "read HEAD", "rev-parse", "HEAD")).StdOut.Trim();

    /// <summary>The newest commit on the checked-out branch that touched any of <paramref name="paths"/>.</summary>
    public async Task<string?> LastCommitTouchingAsync(IEnumerable<string> paths, CancellationToken ct)
    {
        var r = await RunAsync(ct, ["log", "-1", "--format=%H", "--", .. paths]);
        return r.Ok && r.StdOut.Trim() is { Length: > 0 } sha ? sha : null;
    }

    /// <summary>Stages <paramref name="paths"/> (written or deleted) and commits them; false when nothing changed.</summary>
    public async Task<bool> CommitAsync(IReadOnlyList<string> paths, string message, CancellationToken ct)
    {
        await CheckAsync(ct, "stage files", ["add", "-A", "--", .. paths]);
        var staged = await RunAsync(ct, "diff", "--cached", "--quiet");
        if (staged.ExitCode == 0)
        {
            return false;
        }

        await CheckAsync(ct, "commit", "commit", "-q", "-m", message);
        return true;
    }

    /// <summary>
    /// Pushes the branch. When the remote moved in between (a person pushed, another replica committed) the local
    /// commits are rebased onto it and the push tried again, up to <see cref="MaxPushAttempts"/> times.
    /// </summary>
    public async Task PushAsync(CancellationToken ct)
    {
        var last = "";
        for (var attempt = 1; attempt <= MaxPushAttempts; attempt++)
        {
            var push = await RemoteAsync(ct, "push", "--porcelain", "origin", $"HEAD:refs/heads/{Branch}");
            if (push.Ok)
            {
                return;
            }

            last = push.Output.Trim();
            await FetchBranchAsync(ct);
            var rebase = await RunAsync(ct, "rebase", "-q", $"refs/remotes/origin/{Branch}");
            if (!rebase.Ok)
            {
                await RunAsync(ct, "rebase", "--abort");
                throw new GitException($"cannot push to {Branch}: the daemon's commit conflicts with what was pushed meanwhile ({rebase.Output.Trim()}); it is written again on the next tick");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt + Random.Shared.Next(100)), ct);
        }

        throw new GitException($"cannot push to {Branch} of {Url}: still rejected after {MaxPushAttempts} attempts (rebased each time); last error: {last}");
    }

    /// <summary>The note lines on <paramref name="commit"/> (empty when it has none).</summary>
    public async Task<IReadOnlyList<string>> NoteLinesAsync(string commit, CancellationToken ct)
    {
        var r = await RunAsync(ct, "notes", "--ref", NotesRef, "show", commit);
        return r.Ok ? r.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
    }

    /// <summary>Adds one line to the note on <paramref name="commit"/> (notes are line sets: merging sorts and dedups lines).</summary>
    public async Task AddNoteLineAsync(string commit, string line, CancellationToken ct)
    {
        var lines = (await NoteLinesAsync(commit, ct)).ToList();
        if (lines.Contains(line, StringComparer.Ordinal))
        {
            return;
        }

        lines.Add(line);
        var r = await GitCli.RunAsync(WorkTree, null, string.Join('\n', lines) + "\n", ct, "notes", "--ref", NotesRef, "add", "-f", "-F", "-", commit);
        if (!r.Ok)
        {
            throw new GitException($"cannot write the apply note on {commit}: {r.Output.Trim()}");
        }
    }

    /// <summary>Pushes the notes; when another writer pushed notes meanwhile, merges theirs (line union) and retries.</summary>
    public async Task PushNotesAsync(CancellationToken ct)
    {
        if (!(await RunAsync(ct, "rev-parse", "-q", "--verify", NotesRef)).Ok)
        {
            return;
        }

        var last = "";
        for (var attempt = 1; attempt <= MaxPushAttempts; attempt++)
        {
            var push = await RemoteAsync(ct, "push", "--porcelain", "origin", $"{NotesRef}:{NotesRef}");
            if (push.Ok)
            {
                return;
            }

            last = push.Output.Trim();
            await FetchNotesAsync(ct);
            await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt + Random.Shared.Next(100)), ct);
        }

        throw new GitException($"cannot push the apply notes ({NotesRef}) to {Url}: still rejected after {MaxPushAttempts} attempts; last error: {last}");
    }

    /// <summary>
    /// Points branch <paramref name="branch"/> on the remote at a new commit: the tracked branch's tip with one file
    /// replaced. Built with a private index, so the work tree and HEAD are untouched. Returns the commit.
    /// </summary>
    public async Task<string> PushFileOnBranchAsync(string branch, string path, string content, string message, CancellationToken ct)
    {
        var index = Path.Combine(Path.GetTempPath(), $"reconciler-index-{Guid.NewGuid():N}");
        var env = new Dictionary<string, string> { ["GIT_INDEX_FILE"] = index };
        try
        {
            var blob = await CheckAsync(env, content, ct, "store the file", "hash-object", "-w", "--stdin");
            await CheckAsync(env, null, ct, "read the tracked tree", "read-tree", $"refs/remotes/origin/{Branch}");
            await CheckAsync(env, null, ct, "stage the file", "update-index", "--add", "--cacheinfo", $"100644,{blob.StdOut.Trim()},{path}");
            var tree = (await CheckAsync(env, null, ct, "write the tree", "write-tree")).StdOut.Trim();
            var commit = (await CheckAsync(env, message, ct, "commit", "commit-tree", tree, "-p", $"refs/remotes/origin/{Branch}", "-F", "-")).StdOut.Trim();
            var push = await RemoteAsync(ct, "push", "--porcelain", "--force", "origin", $"{commit}:refs/heads/{branch}");
            if (!push.Ok)
            {
                throw new GitException($"cannot push branch {branch} to {Url}: {push.Output.Trim()}");
            }

            return commit;
        }
        finally
        {
            File.Delete(index);
        }
    }

    /// <summary>Deletes a branch the daemon proposed (its drift went away); nothing when it does not exist.</summary>
    public async Task DeleteRemoteBranchAsync(string branch, CancellationToken ct)
    {
        var exists = await RemoteAsync(ct, "ls-remote", "--exit-code", "--heads", "origin", branch);
        if (exists.Ok)
        {
            await RemoteAsync(ct, "push", "--porcelain", "origin", $":refs/heads/{branch}");
        }
    }

    public Task<GitResult> RunAsync(CancellationToken ct, params string[] args) => GitCli.RunAsync(WorkTree, null, null, ct, args);

    private async Task FetchBranchAsync(CancellationToken ct)
    {
        var fetch = await RemoteAsync(ct, "fetch", "-q", "--no-tags", "origin", $"+refs/heads/{Branch}:refs/remotes/origin/{Branch}");
        if (!fetch.Ok)
        {
            throw new GitException($"cannot fetch {Branch} from {Url}: {fetch.StdErr.Trim()}");
        }
    }

    private async Task FetchNotesAsync(CancellationToken ct)
    {
        var fetch = await RemoteAsync(ct, "fetch", "-q", "--no-tags", "origin", $"+{NotesRef}:{RemoteNotesRef}");
        if (!fetch.Ok)
        {
            return; // no notes on the remote yet
        }

        if (!(await RunAsync(ct, "rev-parse", "-q", "--verify", NotesRef)).Ok)
        {
            await CheckAsync(ct, "take the remote notes", "update-ref", NotesRef, RemoteNotesRef);
            return;
        }

        // Note lines are independent records: the union of both sides is always right.
        await CheckAsync(ct, "merge the remote notes", "notes", "--ref", NotesRef, "merge", "-q", "-s", "cat_sort_uniq", RemoteNotesRef);
    }

    private async Task<GitResult> RemoteAsync(CancellationToken ct, params string[] args) => await GitCli.RunAsync(WorkTree, await CredentialsAsync(ct), null, ct, args);

    /// <summary>The credentials' environment; a secret that does not resolve is a Git failure the daemon reports and retries.</summary>
    private async Task<IReadOnlyDictionary<string, string>> CredentialsAsync(CancellationToken ct)
    {
        try
        {
            return await _credentials.EnvironmentAsync(ct);
        }
        catch (Secrets.SecretException e)
        {
            throw new GitException($"daemon.credentials: {e.Message}");
        }
    }

    private Task<GitResult> CheckAsync(CancellationToken ct, string what, params string[] args) => CheckAsync(null, null, ct, what, args);

    private async Task<GitResult> CheckAsync(IReadOnlyDictionary<string, string>? env, string? stdin, CancellationToken ct, string what, params string[] args)
    {
        var r = await GitCli.RunAsync(WorkTree, env, stdin, ct, args);
        return r.Ok ? r : throw new GitException($"git could not {what} in {WorkTree} (git {args[0]} exited {r.ExitCode.ToString(CultureInfo.InvariantCulture)}): {r.Output.Trim()}");
    }
}

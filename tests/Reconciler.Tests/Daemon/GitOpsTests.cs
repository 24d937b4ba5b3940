using Reconciler.GitOps;


using Reconciler.Tests.Shared;

namespace Reconciler.Tests.Daemon;

/// <summary>The daemon's Git plumbing against real local repositories: credentials, push retries, notes.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class GitOpsTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "rcl-git-" + Guid.NewGuid().ToString("N")[..10]);

    public GitOpsTests()
    {
        Directory.CreateDirectory(_root);
        DaemonRig.Git(_root, "init", "-q", "--bare", "-b", "main", "remote.git");
        DaemonRig.Git(_root, "clone", "-q", "remote.git", "person");
        DaemonRig.Git(Person, "config", "user.name", "Alice");
        DaemonRig.Git(Person, "config", "user.email", "alice@example.com");
        File.WriteAllText(Path.Combine(Person, "README"), "portfolio\n");
        DaemonRig.Git(Person, "add", "-A");
        DaemonRig.Git(Person, "commit", "-q", "-m", "start");
        DaemonRig.Git(Person, "push", "-q", "origin", "main");
    }

    private string Remote => Path.Combine(_root, "remote.git");

    private string Person => Path.Combine(_root, "person");

    private GitRepository Daemon(int attempts = 5) =>
        new(Remote, "main", Path.Combine(_root, "work", "repo"), new GitCredentials(Remote, null, Path.Combine(_root, "work")), GitAuthor.Parse("Bot <bot@example.com>")) { MaxPushAttempts = attempts };

    [Fact]
    public async Task A_commit_rebases_onto_what_a_person_pushed_meanwhile()
    {
        var repo = Daemon();
        await repo.EnsureClonedAsync(CancellationToken.None);
        await repo.SyncAsync(CancellationToken.None);
        File.WriteAllText(Path.Combine(repo.WorkTree, "drift.md"), "report\n");
        (await repo.CommitAsync(["drift.md"], "drift(x): report", CancellationToken.None)).Should().BeTrue();
        (await repo.CommitAsync(["drift.md"], "nothing changed", CancellationToken.None)).Should().BeFalse();

        File.WriteAllText(Path.Combine(Person, "person.txt"), "mine\n");
        DaemonRig.Git(Person, "add", "-A");
        DaemonRig.Git(Person, "commit", "-q", "-m", "person: meanwhile");
        DaemonRig.Git(Person, "push", "-q", "origin", "main");

        await repo.PushAsync(CancellationToken.None);
        DaemonRig.Git(Remote, "log", "--format=%s|%an", "main").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Should().Equal("drift(x): report|Bot", "person: meanwhile|Alice", "start|Alice");
    }

    [Fact]
    public async Task A_remote_that_keeps_refusing_ends_in_a_clear_error_after_the_last_try()
    {
        var hook = Path.Combine(Remote, "hooks", "pre-receive");
        File.WriteAllText(hook, "#!/bin/sh\necho 'protected branch' >&2\nexit 1\n");
        File.SetUnixFileMode(hook, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var repo = Daemon(attempts: 3);
        await repo.EnsureClonedAsync(CancellationToken.None);
        await repo.SyncAsync(CancellationToken.None);
        File.WriteAllText(Path.Combine(repo.WorkTree, "drift.md"), "report\n");
        await repo.CommitAsync(["drift.md"], "drift(x): report", CancellationToken.None);

        var push = () => repo.PushAsync(CancellationToken.None);
        (await push.Should().ThrowAsync<GitException>()).Which.Message.Should().Contain("after 3 attempts").And.Contain("protected branch").And.Contain("main");
    }

    [Fact]
    public async Task Notes_from_two_writers_merge_by_line()
    {
        var commit = DaemonRig.Git(Person, "rev-parse", "HEAD").Trim();
        var a = Daemon();
        await a.EnsureClonedAsync(CancellationToken.None);
        var b = new GitRepository(Remote, "main", Path.Combine(_root, "work-b", "repo"), new GitCredentials(Remote, null, _root), GitAuthor.Parse("Bot B <b@example.com>"));
        await b.EnsureClonedAsync(CancellationToken.None);
        await a.SyncAsync(CancellationToken.None);
        await b.SyncAsync(CancellationToken.None);

        await a.AddNoteLineAsync(commit, "{\"from\":\"a\"}", CancellationToken.None);
        await a.PushNotesAsync(CancellationToken.None);
        await b.AddNoteLineAsync(commit, "{\"from\":\"b\"}", CancellationToken.None);
        await b.PushNotesAsync(CancellationToken.None);

        DaemonRig.Git(Remote, "notes", "--ref", GitRepository.NotesRef, "show", commit).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Should().BeEquivalentTo(["{\"from\":\"a\"}", "{\"from\":\"b\"}"]);
    }

    [Fact]
    public async Task A_token_reaches_git_through_the_credential_helper_and_never_the_command_line()
    {
        Environment.SetEnvironmentVariable("RCL_TEST_GIT_TOKEN", "ghp_exampletoken123");
        try
        {
            var env = await new GitCredentials("https://git.example.test/agency/portfolio.git", "env:RCL_TEST_GIT_TOKEN", _root).EnvironmentAsync(CancellationToken.None);
            env.Values.Should().Contain(v => v.Contains("credential", StringComparison.Ordinal) || v.StartsWith('!'));
            env.Where(kv => kv.Key.StartsWith("GIT_CONFIG", StringComparison.Ordinal)).Should().NotContain(kv => kv.Value.Contains("ghp_exampletoken123", StringComparison.Ordinal), "the helper script holds no secret");

            var fill = await GitCli.RunAsync(_root, env, "protocol=https\nhost=git.example.test\npath=agency/portfolio.git\n\n", CancellationToken.None, "credential", "fill");
            fill.ExitCode.Should().Be(0, fill.Output);
            fill.StdOut.Should().Contain("username=x-access-token").And.Contain("password=ghp_exampletoken123");
        }
        finally
        {
            Environment.SetEnvironmentVariable("RCL_TEST_GIT_TOKEN", null);
        }
    }

    [Fact]
    public async Task An_ssh_key_is_given_to_ssh_with_minus_i_from_a_private_file()
    {
        Environment.SetEnvironmentVariable("RCL_TEST_SSH_KEY", "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----");
        try
        {
            var env = await new GitCredentials("git@github.com:agency/portfolio.git", "env:RCL_TEST_SSH_KEY", _root).EnvironmentAsync(CancellationToken.None);
            var key = Path.Combine(_root, "ssh", "id_daemon");
            env["GIT_SSH_COMMAND"].Should().StartWith($"ssh -i '{key}' -o IdentitiesOnly=yes");
            File.GetUnixFileMode(key).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.ReadAllText(key).Should().EndWith("-----END OPENSSH PRIVATE KEY-----\n");

            (await new GitCredentials("ssh://git@host.example/x.git", "file:/run/secrets/key", _root).EnvironmentAsync(CancellationToken.None))["GIT_SSH_COMMAND"].Should().Contain("-i '/run/secrets/key'", "a mounted key is used in place");
            (await new GitCredentials("/srv/git/portfolio.git", null, _root).EnvironmentAsync(CancellationToken.None)).Should().BeEmpty();
        }
        finally
        {
            Environment.SetEnvironmentVariable("RCL_TEST_SSH_KEY", null);
        }
    }

    [Fact]
    public async Task A_missing_credential_is_a_git_error_naming_the_reference_and_urls_lose_their_passwords()
    {
        var repo = new GitRepository("https://git.example.test/x.git", "main", Path.Combine(_root, "w", "repo"), new GitCredentials("https://git.example.test/x.git", "env:RCL_TEST_SURELY_UNSET", _root), GitAuthor.Parse("B <b@x>"));
        var clone = () => repo.EnsureClonedAsync(CancellationToken.None);
        (await clone.Should().ThrowAsync<GitException>()).Which.Message.Should().Contain("RCL_TEST_SURELY_UNSET");
        GitCli.Redact("fatal: unable to access 'https://bob:hunter2@git.example.test/x.git/'").Should().NotContain("hunter2").And.Contain("https://***@git.example.test");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}

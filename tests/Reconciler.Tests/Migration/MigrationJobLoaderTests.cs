using Reconciler.Migration;
using Reconciler.Migration.Imap;
using Reconciler.Tests.Common;

namespace Reconciler.Tests.Migration;

public sealed class MigrationJobLoaderTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "jobload-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly MigrationJobLoader _loader = new(MigrationJobSchema.LoadEmbedded());

    public MigrationJobLoaderTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void The_example_job_loads_with_its_defaults_and_references()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "secrets"));
        File.WriteAllText(Path.Combine(_dir, "secrets", "bob.password"), "bob-secret\n");
        var text = File.ReadAllText(RepoPaths.InRepo("examples", "migration", "job.yaml"));
        Environment.SetEnvironmentVariable("OLD_MASTER_PASSWORD", "m");
        Environment.SetEnvironmentVariable("NEW_ALICE_PASSWORD", "a");

        var result = _loader.Load(text, Path.Combine(_dir, "job.yaml"));

        result.Diagnostics.Should().BeEmpty();
        var job = result.Job!;
        job.Source.Port.Should().Be(993);
        job.Source.Security.Should().Be(ImapSecurity.ImplicitTls);
        job.Source.Master!.User.Should().Be("migration");
        job.Source.Master.Separator.Should().Be("*");
        job.Source.ReadTimeout.Should().Be(TimeSpan.FromSeconds(120));
        job.Destination.Security.Should().Be(ImapSecurity.StartTls);
        job.Mailboxes.Select(m => m.Name).Should().Equal("alice", "bob");
        job.Mailboxes[0].Source.Password.Should().BeNull("alice logs in through the master user");
        job.Mailboxes[1].Destination.Password!.Resolve().Should().Be("bob-secret", "the trailing line break is not part of it");
        job.Mailboxes[1].Destination.Password!.ToString().Should().Be("file:secrets/bob.password");
        job.Since.Should().Be(new DateOnly(2015, 1, 1));
        job.Before.Should().BeNull();
        job.Folders.Rules.Should().HaveCount(3);
        job.Retry.Attempts.Should().Be(5);
        job.BatchSize.Should().Be(200);
        job.CheckpointPath.Should().Be(Path.Combine(_dir, "job.checkpoint.db"));
        job.Verify.Should().BeTrue();
    }

    [Fact]
    public void Semantic_mistakes_are_reported_at_their_position()
    {
        const string text = """
            source: { host: a.example, master: { user: admin, password: env:RECONCILER_TEST_SET } }
            destination: { host: b.example, security: plain }
            mailboxes:
              - name: x
                source: { user: x@a.example }
                destination: { user: x@b.example }
              - name: x
                source: { user: y@a.example }
                destination: { user: y@b.example, password: env:RECONCILER_TEST_SET }
            folders:
              rules:
                - from: "A*B*"
                  to: "C/*"
                - from: Junk
                  to: Trash
                  skip: true
            dateRange: { since: 2024-01-01, before: 2023-01-01 }
            """;
        Environment.SetEnvironmentVariable("RECONCILER_TEST_SET", "s");

        var result = _loader.Load(text, "job.yaml");

        result.HasErrors.Should().BeTrue();
        result.Diagnostics.Select(d => d.ToString()).Should().BeEquivalentTo(
            "job.yaml:6:18: error MIGRATE016: destination login 'x@b.example' has no password and the destination server has no master user",
            "job.yaml:7:5: error MIGRATE012: mailbox 'x' is listed twice (first at line 4)",
            "job.yaml:13:11: error MIGRATE013: 'to: C/*' uses '*', but 'from: A*B*' has 2 of them",
            "job.yaml:14:7: error MIGRATE015: the rule for 'Junk' has both 'to' and 'skip: true'",
            "job.yaml:17:12: error MIGRATE014: dateRange: since 2024-01-01 is not before 2023-01-01, so nothing would be copied");
    }

    [Fact]
    public void Defaults_fill_ports_and_the_checkpoint_path()
    {
        File.WriteAllText(Path.Combine(_dir, "pw"), "p");
        const string text = """
            source: { host: a.example, security: starttls }
            destination: { host: b.example }
            mailboxes:
              - source: { user: x, password: file:pw }
                destination: { user: y, password: file:pw }
            checkpoint: state/progress.db
            """;
        var job = _loader.Load(text, Path.Combine(_dir, "move.yaml")).Job!;
        job.Source.Port.Should().Be(143);
        job.Destination.Port.Should().Be(993);
        job.Mailboxes.Single().Name.Should().Be("x -> y");
        job.CheckpointPath.Should().Be(Path.Combine(_dir, "state", "progress.db"));
        job.Parallelism.Should().Be(4);
        job.IncludeDeleted.Should().BeFalse();
        job.Source.ReadTimeout.Should().Be(TimeSpan.FromSeconds(120));
        job.Destination.ClientOptions().ReadTimeout.Should().Be(TimeSpan.FromSeconds(120));
    }

    [Fact]
    public void The_read_timeout_is_set_per_server_and_must_be_at_least_a_second()
    {
        File.WriteAllText(Path.Combine(_dir, "pw"), "p");
        const string job = """
            source: { host: a.example, readTimeoutSeconds: 2.5 }
            destination: { host: b.example, readTimeoutSeconds: 600 }
            mailboxes:
              - source: { user: x, password: file:pw }
                destination: { user: y, password: file:pw }
            """;
        var loaded = _loader.Load(job, Path.Combine(_dir, "job.yaml")).Job!;
        loaded.Source.ReadTimeout.Should().Be(TimeSpan.FromSeconds(2.5));
        loaded.Source.ClientOptions().ReadTimeout.Should().Be(TimeSpan.FromSeconds(2.5));
        loaded.Destination.ClientOptions().ReadTimeout.Should().Be(TimeSpan.FromMinutes(10));

        var zero = _loader.Load(job.Replace("readTimeoutSeconds: 2.5", "readTimeoutSeconds: 0", StringComparison.Ordinal),
            Path.Combine(_dir, "job.yaml"));
        zero.HasErrors.Should().BeTrue();
        zero.Diagnostics.Should().ContainSingle(d => d.IsError).Which.ToString().Should().Contain("job.yaml:1:");
    }
}

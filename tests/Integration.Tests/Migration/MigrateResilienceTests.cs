using Microsoft.Data.Sqlite;
using Reconciler.Migration.Imap;
using Reconciler.Tests.Shared;
using Xunit.Abstractions;

namespace Reconciler.Integration.Tests.Migration;

/// <summary>Failures, retries, crashes and resumes, through the built binary against real Dovecots.</summary>
[Collection(MigrationCollection.Name)]
public sealed class MigrateResilienceTests(MigrationServers servers, ITestOutputHelper output)
{
    [Fact]
    public async Task A_wrong_password_fails_a_cut_connection_recovers_by_retry_and_the_rest_complete()
    {
        var good = await servers.NewUserAsync();
        var wrong = await servers.NewUserAsync();
        var cut = await servers.NewUserAsync();
        foreach (var user in new[] { good, wrong, cut })
        {
            await SeedInboxAsync(user, 60, 5_000);
        }

        // Every source connection goes through the proxy; the one that logs in as `cut` dies mid-folder, once.
        await using var proxy = new TcpFaultProxy(servers.Source.ImapPort);
        proxy.CutOnce(cut, 150_000);
        using var job = new JobFolder();
        var sourcePassword = job.Secret("source-pw", servers.Source.Password);
        var wrongPassword = job.Secret("wrong-pw", "not-the-password");
        var destinationPassword = job.Secret("destination-pw", servers.Destination.Password);
        job.WriteJob($$"""
            source: { host: 127.0.0.1, port: {{proxy.Port}}, security: plain }
            destination: { host: 127.0.0.1, port: {{servers.Destination.ImapPort}}, security: plain }
            mailboxes:
              - name: good
                source: { user: {{good}}, password: {{sourcePassword}} }
                destination: { user: {{good}}, password: {{destinationPassword}} }
              - name: wrong
                source: { user: {{wrong}}, password: {{wrongPassword}} }
                destination: { user: {{wrong}}, password: {{destinationPassword}} }
              - name: cut
                source: { user: {{cut}}, password: {{sourcePassword}} }
                destination: { user: {{cut}}, password: {{destinationPassword}} }
            batchSize: 10
            retry: { attempts: 3, delaySeconds: 0.2 }

            """);

        var run = await ReconcilerProcess.RunAsync(job.Path, "migrate", "job.yaml", "--progress", "json", "--report", "report.json");
        output.WriteLine(run.StdOut);
        run.ExitCode.Should().Be(4, "some mailboxes failed and others succeeded: " + run.Output);
        proxy.HasCut.Should().BeTrue("the fault was injected");

        var report = job.ReadReport();
        report.GetProperty("exitCode").GetInt32().Should().Be(4);
        var failed = report.Mailbox("wrong");
        failed.GetProperty("status").GetString().Should().Be("failed");
        failed.GetProperty("attempts").GetInt32().Should().Be(1, "a refused login is not retried");
        failed.GetProperty("reason").GetString().Should()
            .Contain($"logging in to the source server 127.0.0.1:{proxy.Port} as {wrong}").And.Contain("rejected the credentials")
            .And.NotContain("not-the-password");

        var recovered = report.Mailbox("cut");
        recovered.GetProperty("status").GetString().Should().Be("succeeded");
        recovered.GetProperty("attempts").GetInt32().Should().Be(2);
        recovered.GetProperty("verification").EnumerateArray().Should().OnlyContain(v => v.GetProperty("matches").GetBoolean());
        var retry = JsonLines.Parse(run.StdOut).Named("mailbox-retrying").Should().ContainSingle().Subject;
        retry.GetProperty("mailbox").GetString().Should().Be("cut");
        retry.GetProperty("reason").GetString().Should().Contain("copying folder 'INBOX'");

        report.Mailbox("good").GetProperty("status").GetString().Should().Be("succeeded");
        foreach (var user in new[] { good, cut })
        {
            (await DestinationIdsAsync(user)).Should().HaveCount(60).And.OnlyHaveUniqueItems();
        }

        (await DestinationIdsAsync(wrong)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_source_that_stalls_mid_folder_times_out_and_the_mailbox_recovers_by_retry()
    {
        var stalled = await servers.NewUserAsync();
        var calm = await servers.NewUserAsync();
        var quiet = await servers.NewUserAsync();
        foreach (var user in new[] { stalled, calm, quiet })
        {
            await SeedInboxAsync(user, 60, 5_000);
        }

        // The source connection that logs in as `stalled` stops receiving mid-folder (nothing closed), once.
        await using var proxy = new TcpFaultProxy(servers.Source.ImapPort);
        proxy.StallOnce(stalled, 150_000);
        using var job = new JobFolder();
        var sourcePassword = job.Secret("source-pw", servers.Source.Password);
        var destinationPassword = job.Secret("destination-pw", servers.Destination.Password);
        job.WriteJob($$"""
            source: { host: 127.0.0.1, port: {{proxy.Port}}, security: plain, readTimeoutSeconds: 2 }
            destination: { host: 127.0.0.1, port: {{servers.Destination.ImapPort}}, security: plain }
            mailboxes:
              - name: stalled
                source: { user: {{stalled}}, password: {{sourcePassword}} }
                destination: { user: {{stalled}}, password: {{destinationPassword}} }
              - name: calm
                source: { user: {{calm}}, password: {{sourcePassword}} }
                destination: { user: {{calm}}, password: {{destinationPassword}} }
              - name: quiet
                source: { user: {{quiet}}, password: {{sourcePassword}} }
                destination: { user: {{quiet}}, password: {{destinationPassword}} }
            batchSize: 10
            retry: { attempts: 3, delaySeconds: 0.2 }

            """);

        var run = await ReconcilerProcess.RunAsync(job.Path, "migrate", "job.yaml", "--progress", "json", "--report", "report.json");
        output.WriteLine(run.StdOut);
        run.ExitCode.Should().Be(0, "the stalled mailbox recovers and the others never notice: " + run.Output);
        proxy.HasStalled.Should().BeTrue("the fault was injected");

        var retry = JsonLines.Parse(run.StdOut).Named("mailbox-retrying").Should().ContainSingle().Subject;
        retry.GetProperty("mailbox").GetString().Should().Be("stalled");
        retry.GetProperty("reason").GetString().Should()
            .Contain("copying folder 'INBOX'")
            .And.Contain($"The source server 127.0.0.1:{proxy.Port} sent nothing for 2 s (inactivity timeout)");

        var report = job.ReadReport();
        var recovered = report.Mailbox("stalled");
        recovered.GetProperty("status").GetString().Should().Be("succeeded");
        recovered.GetProperty("attempts").GetInt32().Should().Be(2);
        recovered.GetProperty("verification").EnumerateArray().Should().OnlyContain(v => v.GetProperty("matches").GetBoolean());
        var inbox = recovered.GetProperty("folders").EnumerateArray().Single(f => f.GetProperty("source").GetString() == "INBOX");
        inbox.GetProperty("alreadyCopied").GetInt32().Should().BePositive("the retry resumed from the checkpoint of the batches confirmed before the stall");
        (inbox.GetProperty("alreadyCopied").GetInt32() + inbox.GetProperty("alreadyInDestination").GetInt32() + inbox.GetProperty("toCopy").GetInt32())
            .Should().Be(60);
        foreach (var name in new[] { "calm", "quiet" })
        {
            var other = report.Mailbox(name);
            other.GetProperty("status").GetString().Should().Be("succeeded");
            other.GetProperty("attempts").GetInt32().Should().Be(1, $"{name} shares the source server but not the stall");
            other.GetProperty("verification").EnumerateArray().Should().OnlyContain(v => v.GetProperty("matches").GetBoolean());
        }

        foreach (var user in new[] { stalled, calm, quiet })
        {
            (await DestinationIdsAsync(user)).Should().HaveCount(60).And.OnlyHaveUniqueItems();
        }
    }

    [Fact]
    public async Task Killed_with_SIGKILL_mid_run_a_rerun_completes_without_duplicates()
    {
        var user = await servers.NewUserAsync();
        await SeedInboxAsync(user, 400, 3_000);
        await using var proxy = new TcpFaultProxy(servers.Source.ImapPort) { ServerChunkDelay = TimeSpan.FromMilliseconds(40) };
        using var job = new JobFolder();
        job.WriteJob(SimpleJob(job, user, proxy.Port, "batchSize: 20"));

        using (var first = ReconcilerProcess.Start(job.Path, "migrate", "job.yaml", "--progress", "json"))
        {
            var copiedAtKill = await WaitForCheckpointAsync(job.CheckpointPath, atLeast: 60, first);
            var second = await ReconcilerProcess.RunAsync(job.Path, "migrate", "job.yaml", "--progress", "json");
            second.ExitCode.Should().Be(1, "two runs of one job would copy the same messages twice: " + second.Output);
            second.StdErr.Should().Contain("Another migrate run is using");
            first.Kill(); // SIGKILL: no cleanup, no final checkpoint; the kernel drops the run's lock
            await first.WaitForExitAsync();
            output.WriteLine($"killed after {copiedAtKill} checkpointed messages");
            copiedAtKill.Should().BeLessThan(400, "the process died mid-run");
        }

        var rerun = await ReconcilerProcess.RunAsync(job.Path, "migrate", "job.yaml", "--progress", "json", "--report", "report.json");
        rerun.ExitCode.Should().Be(0, rerun.Output);
        var mailbox = job.ReadReport().Mailbox("m");
        mailbox.GetProperty("verification").EnumerateArray().Should().OnlyContain(v => v.GetProperty("matches").GetBoolean(),
            "the verification pass finds every message exactly once");
        var inbox = mailbox.GetProperty("folders").EnumerateArray().Single(f => f.GetProperty("source").GetString() == "INBOX");
        (inbox.GetProperty("alreadyCopied").GetInt32() + inbox.GetProperty("alreadyInDestination").GetInt32() + inbox.GetProperty("toCopy").GetInt32())
            .Should().Be(400);
        (await DestinationIdsAsync(user)).Should().HaveCount(400).And.OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task Ctrl_C_stops_with_exit_130_and_a_rerun_copies_the_rest()
    {
        var user = await servers.NewUserAsync();
        await SeedInboxAsync(user, 300, 3_000);
        await using var proxy = new TcpFaultProxy(servers.Source.ImapPort) { ServerChunkDelay = TimeSpan.FromMilliseconds(40) };
        using var job = new JobFolder();
        job.WriteJob(SimpleJob(job, user, proxy.Port, "batchSize: 20"));

        using (var first = ReconcilerProcess.Start(job.Path, "migrate", "job.yaml", "--progress", "json", "--report", "report.json"))
        {
            await WaitForCheckpointAsync(job.CheckpointPath, atLeast: 40, first);
            (await Reconciler.Tests.Common.ExternalTool.RunAsync("kill", ["-INT", first.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])).ExitCode.Should().Be(0);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await first.WaitForExitAsync(timeout.Token);
            first.ExitCode.Should().Be(130);
        }

        var interrupted = job.ReadReport().Mailbox("m");
        interrupted.GetProperty("status").GetString().Should().Be("interrupted");
        var copiedBefore = interrupted.GetProperty("copiedMessages").GetInt64();
        copiedBefore.Should().BeInRange(40, 299);

        var rerun = await ReconcilerProcess.RunAsync(job.Path, "migrate", "job.yaml", "--progress", "json", "--report", "report.json");
        rerun.ExitCode.Should().Be(0, rerun.Output);
        var inbox = job.ReadReport().Mailbox("m").GetProperty("folders").EnumerateArray().Single(f => f.GetProperty("source").GetString() == "INBOX");
        inbox.GetProperty("alreadyCopied").GetInt32().Should().Be((int)copiedBefore, "everything confirmed before Ctrl-C was checkpointed");
        (await DestinationIdsAsync(user)).Should().HaveCount(300).And.OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task Batches_stored_but_never_checkpointed_are_not_copied_twice()
    {
        // The crash window between the destination's OK and the checkpoint commit, made exact: a full run, then the
        // checkpoint is wound back to batch 4 of 10 and the destination loses the last three batches.
        var user = await servers.NewUserAsync();
        await SeedInboxAsync(user, 100, 2_000);
        using var job = new JobFolder();
        job.WriteJob(SimpleJob(job, user, servers.Source.ImapPort, "batchSize: 10"));
        (await ReconcilerProcess.RunAsync(job.Path, "migrate", "job.yaml", "--progress", "json")).ExitCode.Should().Be(0);

        await ExecuteAsync(job.CheckpointPath,
            "UPDATE folder_checkpoints SET last_uid = 40, destination_uidnext = 41, copied_messages = 40, completed = 0");
        var expunge = await servers.Destination.DoveadmAsync("expunge", "-u", user, "mailbox", "INBOX", "uid", "71:100");
        expunge.ExitCode.Should().Be(0, expunge.Output);

        var rerun = await ReconcilerProcess.RunAsync(job.Path, "migrate", "job.yaml", "--progress", "json", "--report", "report.json");
        rerun.ExitCode.Should().Be(0, rerun.Output);
        var inbox = job.ReadReport().Mailbox("m").GetProperty("folders").EnumerateArray().Single(f => f.GetProperty("source").GetString() == "INBOX");
        inbox.GetProperty("alreadyCopied").GetInt32().Should().Be(40);
        inbox.GetProperty("alreadyInDestination").GetInt32().Should().Be(30, "UIDs 41–70 arrived although no checkpoint says so");
        inbox.GetProperty("toCopy").GetInt32().Should().Be(30, "only what the destination lost is copied again");
        (await DestinationIdsAsync(user)).Should().HaveCount(100).And.OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task A_source_folder_recreated_with_a_new_UIDVALIDITY_is_compared_not_copied_again()
    {
        var user = await servers.NewUserAsync();
        await using (var seed = await MigrationServers.LoginAsync(servers.Source, user))
        {
            await seed.CreateFolderAsync("Projects");
            for (var i = 0; i < 30; i++)
            {
                await seed.AppendAsync("Projects", ImapAppendMessage.FromBytes(MigrationCorpus.Plain($"p{i}@uv.test", $"p{i}", "x")));
            }
        }

        using var job = new JobFolder();
        job.WriteJob(SimpleJob(job, user, servers.Source.ImapPort, ""));
        (await ReconcilerProcess.RunAsync(job.Path, "migrate", "job.yaml", "--progress", "json")).ExitCode.Should().Be(0);

        // Delete and recreate the folder: same messages, new UIDs, new UIDVALIDITY; plus one new message.
        (await servers.Source.DoveadmAsync("mailbox", "delete", "-u", user, "Projects")).ExitCode.Should().Be(0);
        await using (var seed = await MigrationServers.LoginAsync(servers.Source, user))
        {
            await seed.CreateFolderAsync("Projects");
            for (var i = 0; i < 31; i++)
            {
                await seed.AppendAsync("Projects", ImapAppendMessage.FromBytes(MigrationCorpus.Plain($"p{i}@uv.test", $"p{i}", "x")));
            }
        }

        var rerun = await ReconcilerProcess.RunAsync(job.Path, "migrate", "job.yaml", "--progress", "json", "--report", "report.json");
        rerun.ExitCode.Should().Be(0, rerun.Output);
        var folder = job.ReadReport().Mailbox("m").GetProperty("folders").EnumerateArray()
            .Single(f => f.GetProperty("source").GetString() == "Projects");
        folder.GetProperty("note").GetString().Should().Contain("UIDVALIDITY changed");
        folder.GetProperty("alreadyInDestination").GetInt32().Should().Be(30);
        folder.GetProperty("toCopy").GetInt32().Should().Be(1);
        (await DestinationIdsAsync(user, "Projects")).Should().HaveCount(31).And.OnlyHaveUniqueItems();
    }

    private string SimpleJob(JobFolder job, string user, int sourcePort, string extra)
    {
        var sourcePassword = job.Secret("source-pw", servers.Source.Password);
        var destinationPassword = job.Secret("destination-pw", servers.Destination.Password);
        return $$"""
            source: { host: 127.0.0.1, port: {{sourcePort}}, security: plain }
            destination: { host: 127.0.0.1, port: {{servers.Destination.ImapPort}}, security: plain }
            mailboxes:
              - name: m
                source: { user: {{user}}, password: {{sourcePassword}} }
                destination: { user: {{user}}, password: {{destinationPassword}} }
            retry: { attempts: 2, delaySeconds: 0.2 }
            {{extra}}

            """;
    }

    private async Task SeedInboxAsync(string user, int count, int size)
    {
        await using var client = await MigrationServers.LoginAsync(servers.Source, user);
        var messages = Enumerable.Range(0, count)
            .Select(i => ImapAppendMessage.FromBytes(MigrationCorpus.Plain($"{i}.{user}", $"message {i}", new string((char)('a' + i % 26), size))) with
            {
                Flags = i % 2 == 0 ? ImapMessageFlags.Seen : ImapMessageFlags.None,
                InternalDate = new DateTimeOffset(2019, 1, 1, 0, 0, 0, TimeSpan.Zero).AddHours(i),
            }).ToList();
        await client.AppendAsync("INBOX", messages);
    }

    private async Task<List<string>> DestinationIdsAsync(string user, string folder = "INBOX")
    {
        await using var client = await MigrationServers.LoginAsync(servers.Destination, user);
        var box = await client.ExamineAsync(folder);
        if (box.Exists == 0)
        {
            return [];
        }

        var all = await client.UidFetchAsync(UidSet.Range(1, uint.MaxValue), ImapFetchItems.MessageId | ImapFetchItems.Size);
        return [.. all.Select(m => m.MessageId!)];
    }

    private static async Task<long> WaitForCheckpointAsync(string path, long atLeast, System.Diagnostics.Process process)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            process.HasExited.Should().BeFalse("the run must still be going when it is killed");
            if (File.Exists(path))
            {
                try
                {
                    var copied = await ScalarAsync(path, "SELECT COALESCE(SUM(copied_messages), 0) FROM folder_checkpoints");
                    if (copied >= atLeast)
                    {
                        return copied;
                    }
                }
                catch (SqliteException)
                {
                    // the table may not exist yet
                }
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("no checkpoint progress within 60 s");
    }

    private static async Task<long> ScalarAsync(string path, string sql)
    {
        await using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await db.OpenAsync();
        await using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(string path, string sql)
    {
        await using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await db.OpenAsync();
        await using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync();
    }
}

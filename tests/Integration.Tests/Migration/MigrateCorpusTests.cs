using Reconciler.Migration.Imap;
using Reconciler.Tests.Shared;
using Xunit.Abstractions;

namespace Reconciler.Integration.Tests.Migration;

/// <summary>`reconciler migrate` end to end through the built binary, between two real Dovecots.</summary>
[Collection(MigrationCollection.Name)]
public sealed class MigrateCorpusTests(MigrationServers servers, ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> Mapping = new(StringComparer.Ordinal)
    {
        ["INBOX"] = "INBOX",
        ["Sent"] = "Sent",
        ["Sent Items"] = "Sent",
        ["Archiv/Übersicht"] = "Archive/Übersicht",
        ["Projects/2024/Q1"] = "Projects/2024/Q1",
        ["Входящие"] = "Входящие",
        ["Bulk"] = "Bulk",
    };

    [Fact]
    public async Task The_corpus_arrives_once_with_flags_and_dates_in_the_mapped_folders_and_a_rerun_copies_nothing()
    {
        var user = await servers.NewUserAsync();
        await using (var seed = await MigrationServers.LoginAsync(servers.Source, user))
        {
            await MigrationCorpus.SeedAsync(seed, withLargeAttachment: true);
        }

        using var job = new JobFolder();
        job.WriteJob(Job(job, user, "batchSize: 25"));

        var run = await ReconcilerProcess.RunAsync(job.Path, "migrate", "job.yaml", "--progress", "json", "--report", "report.json");
        output.WriteLine(run.StdErr);
        run.ExitCode.Should().Be(0, run.Output);
        var events = JsonLines.Parse(run.StdOut);
        events[^1].GetProperty("event").GetString().Should().Be("report");
        events.Named("folder-copied").Should().NotBeEmpty();

        var source = await SnapshotAsync(servers.Source, user);
        var destination = await SnapshotAsync(servers.Destination, user);
        destination.Folders.Keys.Should().NotContain("Junk").And.NotContain(k => k.StartsWith("Archiv/", StringComparison.Ordinal));
        foreach (var group in Mapping.GroupBy(m => m.Value))
        {
            // Folders merged into one hold each message as often as the fullest of them.
            var expected = group
                .SelectMany(m => source.Folders[m.Key].Where(x => (x.Flags & ImapMessageFlags.Deleted) == 0)
                    .GroupBy(x => x.Comparable).Select(g => (g.Key, Count: g.Count())))
                .GroupBy(x => x.Key).SelectMany(g => Enumerable.Repeat(g.Key, g.Max(x => x.Count)))
                .Order(StringComparer.Ordinal).ToList();
            destination.Folders.Should().ContainKey(group.Key);
            destination.Folders[group.Key].Select(m => m.Comparable).Order(StringComparer.Ordinal).Should()
                .Equal(expected, $"'{group.Key}' holds every source message of {string.Join(", ", group.Select(g => g.Key))} once, bytes, flags and date intact");
        }

        destination.Folders.Where(f => !Mapping.ContainsValue(f.Key)).SelectMany(f => f.Value).Should()
            .BeEmpty("nothing lands outside the mapped folders");
        destination.Folders["INBOX"].Should().Contain(m => m.Size > 10_000_000, "the 10 MB attachment came across");

        var report = job.ReadReport();
        var mailbox = report.Mailbox("corpus");
        mailbox.GetProperty("status").GetString().Should().Be("succeeded");
        mailbox.GetProperty("verification").EnumerateArray().Should().OnlyContain(v => v.GetProperty("matches").GetBoolean());
        report.GetProperty("copiedMessages").GetInt64().Should().Be(destination.Folders.Values.Sum(f => f.Count));
        mailbox.GetProperty("folders").EnumerateArray().Single(f => f.GetProperty("source").GetString() == "Sent Items")
            .GetProperty("skippedDuplicates").GetInt32().Should().Be(1, "'Sent' came first and already brings that message");
        mailbox.GetProperty("skippedFolders").EnumerateArray().Select(s => s.GetProperty("source").GetString())
            .Should().Equal("Junk");

        // A second run finds everything checkpointed: nothing is copied, nothing doubles.
        var again = await ReconcilerProcess.RunAsync(job.Path, "migrate", "job.yaml", "--progress", "json", "--report", "report.json");
        again.ExitCode.Should().Be(0, again.Output);
        var second = job.ReadReport();
        second.GetProperty("copiedMessages").GetInt64().Should().Be(0);
        second.Mailbox("corpus").GetProperty("folders").EnumerateArray()
            .Should().OnlyContain(f => f.GetProperty("toCopy").GetInt32() == 0 && f.GetProperty("alreadyCopied").GetInt32() == f.GetProperty("expected").GetInt32());
        (await SnapshotAsync(servers.Destination, user)).Folders.Sum(f => f.Value.Count)
            .Should().Be(destination.Folders.Sum(f => f.Value.Count));
    }

    [Fact]
    public async Task Gmail_labels_and_All_Mail_give_each_message_one_copy_logging_in_through_a_master_user()
    {
        var user = await servers.NewUserAsync();
        string[] ids = ["g1", "g2", "g3", "g4", "g5", "g6"];
        byte[] Message(string id) => MigrationCorpus.Plain($"{id}@gmail.example", "label test " + id, "body of " + id);
        var noId = System.Text.Encoding.ASCII.GetBytes("From: x@example.test\r\nSubject: no id\r\n\r\nlabelled, without Message-ID\r\n");
        var placement = new Dictionary<string, byte[][]>
        {
            ["INBOX"] = [Message("g1"), Message("g2"), noId],
            ["Work"] = [Message("g2"), Message("g3")],
            ["Personal"] = [Message("g4")],
            ["[Gmail]/Sent Mail"] = [Message("g5")],
            ["[Gmail]/Starred"] = [Message("g3")],
            ["[Gmail]/Important"] = [Message("g1")],
            ["[Gmail]/All Mail"] = [.. ids.Select(Message), noId],
        };
        await using (var seed = await MigrationServers.LoginAsync(servers.Source, user))
        {
            foreach (var (folder, messages) in placement)
            {
                if (folder != "INBOX")
                {
                    await seed.CreateFolderAsync(folder);
                }

                foreach (var m in messages)
                {
                    await seed.AppendAsync(folder, ImapAppendMessage.FromBytes(m));
                }
            }
        }

        using var job = new JobFolder();
        var sourcePassword = job.Secret("source-pw", servers.Source.Password);
        var masterPassword = job.Secret("master-pw", servers.Destination.Password);
        job.WriteJob($$"""
            source: { host: 127.0.0.1, port: {{servers.Source.ImapPort}}, security: plain }
            destination:
              host: 127.0.0.1
              port: {{servers.Destination.ImapPort}}
              security: plain
              master: { user: {{Imap.DovecotServer.MasterUser}}, password: {{masterPassword}} }
            mailboxes:
              - name: gmail
                source: { user: {{user}}, password: {{sourcePassword}} }
                destination: { user: {{user}} }
            folders:
              gmail: true
              rules:
                - from: "[Gmail]/All Mail"
                  to: Archive
                - from: "[Gmail]/Sent Mail"
                  to: Sent
            """);

        var run = await ReconcilerProcess.RunAsync(job.Path, "migrate", "job.yaml", "--progress", "json", "--report", "report.json");
        run.ExitCode.Should().Be(0, run.Output);

        var destination = await SnapshotAsync(servers.Destination, user);
        string[] Ids(string folder) => [.. destination.Folders[folder].Select(m => m.MessageId ?? "(none)").Order(StringComparer.Ordinal)];
        Ids("INBOX").Should().Equal("(none)", "<g1@gmail.example>", "<g2@gmail.example>");
        Ids("Personal").Should().Equal("<g4@gmail.example>");
        Ids("Work").Should().Equal("<g3@gmail.example>");
        Ids("Sent").Should().Equal("<g5@gmail.example>");
        Ids("Archive").Should().Equal("<g6@gmail.example>");
        destination.Folders.Keys.Should().NotContain(k => k.Contains("Starred", StringComparison.Ordinal) || k.Contains("Important", StringComparison.Ordinal));
        destination.Folders.Values.Sum(f => f.Count).Should().Be(7, "six labelled messages and one without Message-ID, each once");

        var mailbox = job.ReadReport().Mailbox("gmail");
        mailbox.GetProperty("skippedFolders").EnumerateArray().Select(s => s.GetProperty("source").GetString())
            .Should().BeEquivalentTo("[Gmail]/Starred", "[Gmail]/Important");
        var allMail = mailbox.GetProperty("folders").EnumerateArray().Single(f => f.GetProperty("source").GetString() == "[Gmail]/All Mail");
        allMail.GetProperty("skippedDuplicates").GetInt32().Should().Be(6);
        mailbox.GetProperty("folders").EnumerateArray().Last().GetProperty("source").GetString().Should().Be("[Gmail]/All Mail", "All Mail goes last");
        mailbox.GetProperty("verification").EnumerateArray().Should().OnlyContain(v => v.GetProperty("matches").GetBoolean());
    }

    [Fact]
    public async Task Date_range_and_includeDeleted_choose_what_travels()
    {
        var user = await servers.NewUserAsync();
        await using (var seed = await MigrationServers.LoginAsync(servers.Source, user))
        {
            foreach (var (id, year, flags) in new[]
                     {
                         ("old", 1999, ImapMessageFlags.Seen), ("in", 2010, ImapMessageFlags.None),
                         ("deleted", 2011, ImapMessageFlags.Deleted | ImapMessageFlags.Flagged), ("late", 2021, ImapMessageFlags.None),
                     })
            {
                await seed.AppendAsync("INBOX", ImapAppendMessage.FromBytes(MigrationCorpus.Plain($"{id}@range.test", id, id)) with
                {
                    Flags = flags, InternalDate = new DateTimeOffset(year, 6, 1, 12, 0, 0, TimeSpan.Zero),
                });
            }
        }

        using var job = new JobFolder();
        job.WriteJob(Job(job, user, "dateRange: { since: 2000-01-01, before: 2020-01-01 }\nincludeDeleted: true"));
        var run = await ReconcilerProcess.RunAsync(job.Path, "migrate", "job.yaml", "--progress", "json", "--report", "report.json");
        run.ExitCode.Should().Be(0, run.Output);

        var inbox = (await SnapshotAsync(servers.Destination, user)).Folders["INBOX"];
        inbox.Select(m => m.MessageId).Should().BeEquivalentTo("<in@range.test>", "<deleted@range.test>");
        inbox.Single(m => m.MessageId == "<deleted@range.test>").Flags.Should().Be(ImapMessageFlags.Deleted | ImapMessageFlags.Flagged);
        var folder = job.ReadReport().Mailbox("m").GetProperty("folders").EnumerateArray().Single(f => f.GetProperty("source").GetString() == "INBOX");
        folder.GetProperty("skippedOutsideDates").GetInt32().Should().Be(2);
        folder.GetProperty("skippedDeleted").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task Dry_run_lists_what_would_be_copied_and_changes_nothing()
    {
        var user = await servers.NewUserAsync();
        await using (var seed = await MigrationServers.LoginAsync(servers.Source, user))
        {
            await MigrationCorpus.SeedAsync(seed, withLargeAttachment: false, bulkMessages: 5);
        }

        await using var before = await MigrationServers.LoginAsync(servers.Destination, user);
        var foldersBefore = (await before.ListAsync()).Select(f => f.Name).ToList();
        using var job = new JobFolder();
        job.WriteJob(Job(job, user, ""));

        var run = await ReconcilerProcess.RunAsync(job.Path, "migrate", "job.yaml", "--dry-run", "--progress", "bars");
        run.ExitCode.Should().Be(0, run.Output);
        run.StdOut.Should().Contain("m: would copy").And.Contain("Sent -> Sent: 1 to copy").And.Contain("Sent Items -> Sent: 1 to copy (").And.Contain("1 put there by an earlier folder")
            .And.Contain("Archiv/Übersicht -> Archive/Übersicht: 1 to copy").And.Contain("1 \\Deleted skipped")
            .And.Contain("[folder will be created]").And.Contain("Junk: skipped by the rule for 'Junk'")
            .And.Contain("Dry run:").And.Contain("nothing was changed");
        (await before.ListAsync()).Select(f => f.Name).Should().BeEquivalentTo(foldersBefore);
        (await SnapshotAsync(servers.Destination, user)).Folders.Values.Sum(f => f.Count).Should().Be(0);
        File.Exists(job.CheckpointPath).Should().BeFalse("a dry run records nothing");
    }

    private string Job(JobFolder job, string user, string extra)
    {
        var sourcePassword = job.Secret("source-pw", servers.Source.Password);
        var destinationPassword = job.Secret("destination-pw", servers.Destination.Password);
        return $$"""
            name: test
            source: { host: 127.0.0.1, port: {{servers.Source.ImapPort}}, security: plain }
            destination: { host: 127.0.0.1, port: {{servers.Destination.ImapPort}}, security: plain }
            mailboxes:
              - name: {{(extra.Contains("batchSize", StringComparison.Ordinal) ? "corpus" : "m")}}
                source: { user: {{user}}, password: {{sourcePassword}} }
                destination: { user: {{user}}, password: {{destinationPassword}} }
            folders:
              rules:
                - from: Sent Items
                  to: Sent
                - from: Junk
                  skip: true
                - from: Archiv/*
                  to: Archive/*
            retry: { attempts: 2, delaySeconds: 0.2 }
            {{extra}}

            """;
    }

    private static async Task<MailboxSnapshot> SnapshotAsync(Imap.DovecotServer server, string user)
    {
        await using var client = await MigrationServers.LoginAsync(server, user);
        return await MailboxSnapshot.TakeAsync(client);
    }
}

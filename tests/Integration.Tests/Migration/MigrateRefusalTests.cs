using Reconciler.Integration.Tests.Imap;
using Reconciler.Migration.Imap;
using Reconciler.Tests.Shared;

namespace Reconciler.Integration.Tests.Migration;

/// <summary>A destination that refuses one particular message: the rest of the mailbox still arrives.</summary>
[Collection(MigrationCollection.Name)]
public sealed class MigrateRefusalTests(MigrationServers servers)
{
    [Fact]
    public async Task A_message_the_destination_refuses_is_reported_and_the_rest_arrive_once()
    {
        // This destination accepts keywords of at most 10 characters; the source holds one with 20.
        await using var strict = await DovecotServer.StartAsync(extraConfig: "mail_max_keyword_length = 10");
        var user = await servers.NewUserAsync();
        var (destinationUser, _) = await strict.CreateUserAsync();
        await using (var seed = await MigrationServers.LoginAsync(servers.Source, user))
        {
            var messages = Enumerable.Range(0, 25).Select(i =>
                ImapAppendMessage.FromBytes(MigrationCorpus.Plain($"r{i}@refuse.test", $"r{i}", "x")) with
                {
                    Keywords = i == 7 ? ["AVeryLongKeyword2024"] : [],
                    Flags = ImapMessageFlags.Seen,
                }).ToList();
            await seed.AppendAsync("INBOX", messages);
        }

        using var job = new JobFolder();
        var sourcePassword = job.Secret("source-pw", servers.Source.Password);
        var destinationPassword = job.Secret("destination-pw", strict.Password);
        job.WriteJob($$"""
            source: { host: 127.0.0.1, port: {{servers.Source.ImapPort}}, security: plain }
            destination: { host: 127.0.0.1, port: {{strict.ImapPort}}, security: plain }
            mailboxes:
              - name: m
                source: { user: {{user}}, password: {{sourcePassword}} }
                destination: { user: {{destinationUser}}, password: {{destinationPassword}} }
            batchSize: 10

            """);

        var run = await ReconcilerProcess.RunAsync(job.Path, "migrate", "job.yaml", "--progress", "json", "--report", "report.json");
        run.ExitCode.Should().Be(1, "the only mailbox is incomplete: " + run.Output);
        var mailbox = job.ReadReport().Mailbox("m");
        mailbox.GetProperty("status").GetString().Should().Be("failed");
        mailbox.GetProperty("reason").GetString().Should().Contain("refused 1 message").And.Contain("<r7@refuse.test>").And.Contain("Keyword length too long");
        mailbox.GetProperty("rejectedMessages").EnumerateArray().Single().GetProperty("uid").GetUInt32().Should().Be(8);
        mailbox.GetProperty("verification").EnumerateArray().Should().OnlyContain(v => v.GetProperty("matches").GetBoolean(),
            "everything else arrived exactly once");
        var ids = await IdsAsync(strict, destinationUser);
        ids.Should().HaveCount(24).And.OnlyHaveUniqueItems().And.NotContain("<r7@refuse.test>");

        // A rerun tries the refused message again (and only it).
        var rerun = await ReconcilerProcess.RunAsync(job.Path, "migrate", "job.yaml", "--progress", "json", "--report", "report.json");
        rerun.ExitCode.Should().Be(1, rerun.Output);
        var inbox = job.ReadReport().Mailbox("m").GetProperty("folders").EnumerateArray().Single(f => f.GetProperty("source").GetString() == "INBOX");
        inbox.GetProperty("toCopy").GetInt32().Should().Be(1);
        (await IdsAsync(strict, destinationUser)).Should().HaveCount(24);
    }

    private static async Task<List<string>> IdsAsync(DovecotServer server, string user)
    {
        await using var client = await MigrationServers.LoginAsync(server, user);
        await client.ExamineAsync("INBOX");
        return [.. (await client.UidFetchAsync(UidSet.Range(1, uint.MaxValue), ImapFetchItems.MessageId)).Select(m => m.MessageId!)];
    }
}

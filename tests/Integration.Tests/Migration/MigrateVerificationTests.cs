using Reconciler.Integration.Tests.Imap;
using Reconciler.Migration.Imap;
using Reconciler.Tests.Shared;

namespace Reconciler.Integration.Tests.Migration;

/// <summary>
/// The verification pass compares what the source says should be in the destination with what is there, so a
/// message lost or added behind the migration's back is listed by Message-ID, not just counted.
/// </summary>
[Collection(MigrationCollection.Name)]
public sealed class MigrateVerificationTests(MigrationServers servers)
{
    [Fact]
    public async Task A_message_lost_and_one_added_in_the_destination_are_listed_by_message_id()
    {
        var user = await servers.NewUserAsync();
        await using (var seed = await MigrationServers.LoginAsync(servers.Source, user))
        {
            await seed.AppendAsync("INBOX", [.. Enumerable.Range(0, 12).Select(i =>
                ImapAppendMessage.FromBytes(MigrationCorpus.Plain($"v{i}@verify.test", $"v{i}", "body " + i)))]);
        }

        using var job = new JobFolder();
        var sourcePassword = job.Secret("source-pw", servers.Source.Password);
        var destinationPassword = job.Secret("destination-pw", servers.Destination.Password);
        job.WriteJob($$"""
            source: { host: 127.0.0.1, port: {{servers.Source.ImapPort}}, security: plain }
            destination: { host: 127.0.0.1, port: {{servers.Destination.ImapPort}}, security: plain }
            mailboxes:
              - name: m
                source: { user: {{user}}, password: {{sourcePassword}} }
                destination: { user: {{user}}, password: {{destinationPassword}} }

            """);

        var first = await ReconcilerProcess.RunAsync(job.Path, "migrate", "job.yaml", "--progress", "json", "--report", "report.json");
        first.ExitCode.Should().Be(0, first.Output);
        job.ReadReport().Mailbox("m").GetProperty("verification").EnumerateArray().Should().OnlyContain(v => v.GetProperty("matches").GetBoolean());

        // Behind the migration's back: one copied message disappears, a stranger arrives.
        var expunged = await servers.Destination.DoveadmAsync("expunge", "-u", user, "mailbox", "INBOX", "header", "Message-ID", "<v3@verify.test>");
        expunged.ExitCode.Should().Be(0, expunged.Output);
        await using (var destination = await MigrationServers.LoginAsync(servers.Destination, user))
        {
            await destination.AppendAsync("INBOX", [ImapAppendMessage.FromBytes(MigrationCorpus.Plain("stranger@verify.test", "not from the source", "x"))]);
        }

        var second = await ReconcilerProcess.RunAsync(job.Path, "migrate", "job.yaml", "--progress", "json", "--report", "report.json");
        second.ExitCode.Should().Be(1, "the only mailbox no longer verifies: " + second.Output);
        var mailbox = job.ReadReport().Mailbox("m");
        mailbox.GetProperty("status").GetString().Should().Be("verification-failed");
        mailbox.GetProperty("reason").GetString().Should().Contain("'INBOX'").And.Contain("1 missing, 1 extra");
        var inbox = mailbox.GetProperty("verification").EnumerateArray().Single(v => v.GetProperty("destination").GetString() == "INBOX");
        inbox.GetProperty("matches").GetBoolean().Should().BeFalse();
        inbox.GetProperty("expected").GetInt32().Should().Be(12);
        inbox.GetProperty("found").GetInt32().Should().Be(12);
        var differences = inbox.GetProperty("differences").EnumerateArray()
            .Select(d => (d.GetProperty("message").GetString(), d.GetProperty("expected").GetInt32(), d.GetProperty("found").GetInt32()))
            .ToList();
        differences.Should().BeEquivalentTo(new[]
        {
            ("<stranger@verify.test>", 0, 1),
            ("<v3@verify.test>", 1, 0),
        });
    }
}

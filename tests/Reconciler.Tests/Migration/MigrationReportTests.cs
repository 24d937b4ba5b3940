using Reconciler.Migration;

namespace Reconciler.Tests.Migration;

public sealed class MigrationReportTests
{
    [Theory]
    [InlineData(new[] { MailboxStatus.Succeeded, MailboxStatus.Succeeded }, 0)]
    [InlineData(new[] { MailboxStatus.Planned }, 0)]
    [InlineData(new[] { MailboxStatus.Succeeded, MailboxStatus.Failed }, 4)]
    [InlineData(new[] { MailboxStatus.Succeeded, MailboxStatus.VerificationFailed }, 4)]
    [InlineData(new[] { MailboxStatus.Failed, MailboxStatus.VerificationFailed }, 1)]
    [InlineData(new[] { MailboxStatus.Succeeded, MailboxStatus.Interrupted }, 130)]
    public void The_exit_code_says_how_the_mailboxes_ended(MailboxStatus[] statuses, int exitCode)
    {
        var report = new MigrationReport
        {
            Started = DateTimeOffset.UnixEpoch,
            Duration = TimeSpan.FromSeconds(1),
            Mailboxes = [.. statuses.Select((s, i) => new MailboxResult { Name = $"m{i}", Status = s })],
        };
        report.ExitCode.Should().Be(exitCode);
    }

    [Fact]
    public void Duplicates_count_as_often_as_they_occur()
    {
        var a = new MessageKey("<a@x>", 10);
        var counts = new MessageKeyCounts();
        counts.Add(a);
        counts.Add(a);
        counts.TryTake(a).Should().BeTrue();
        counts.TryTake(a).Should().BeTrue();
        counts.TryTake(a).Should().BeFalse();
        counts.Total.Should().Be(0);

        var merged = new MessageKeyCounts();
        var other = new MessageKeyCounts();
        merged.Add(a);
        other.Add(a, 3);
        merged.MaxWith(other);
        merged[a].Should().Be(3, "folders merged into one hold a message as often as the fullest of them");
    }
}

using System.Globalization;
using System.Text.RegularExpressions;
using Reconciler.Cli;
using Reconciler.Tests.Shared;

namespace Reconciler.Tests.Cli;

/// <summary>
/// A staged MX cutover through the built binary: apply lowers the TTL, runs what comes before the switch, stops at the
/// "not before" step and says when to come back; an apply after that time (the test clock shifted past the old TTL)
/// finishes it.
/// </summary>
public sealed partial class StagedCutoverCliTests
{
    [Fact]
    public async Task Apply_stops_at_the_not_before_step_and_a_later_apply_finishes_the_cutover()
    {
        using var p = MailPortfolio.New();
        (await ReconcilerProcess.RunAsync(p.Path, "apply", "--yes")).ExitCode.Should().Be(0);

        // The switch (MX, old TTL 3600 s) with a mailbox before it in the plan, an alias and DMARC after it.
        var mail = MailPortfolio.Mail.Replace("  aliases: [", "  aliases: [{ local: info, to: [dave] }, ", StringComparison.Ordinal)
            .Replace("  mailboxes:\n", "  mailboxes:\n    - { local: dave, kind: human, owner: dave@shop.example }\n", StringComparison.Ordinal);
        var mailDns = MailPortfolio.MailDns.Replace("mx1.host.example", "mx2.host.example", StringComparison.Ordinal)
            .Replace("p: none,", "p: quarantine, alignmentVerified: 2026-03-31,", StringComparison.Ordinal);
        p.Write("domains/shop.example.yaml", MailPortfolio.Domain(mail, mailDns: mailDns));

        var plan = await ReconcilerProcess.RunAsync(p.Path, "plan");
        plan.StdOut.Should().Contain("lower TTL 3600s → 300s ahead of the MX cutover", plan.Output).And.Contain("not before");

        var start = DateTimeOffset.UtcNow;
        var first = await ReconcilerProcess.RunAsync(p.Path, "apply", "--yes");
        first.ExitCode.Should().Be(0, first.Output);
        var comeBack = ComeBack().Match(first.StdOut);
        comeBack.Success.Should().BeTrue(first.Output);
        var when = DateTimeOffset.ParseExact(comeBack.Groups[1].Value, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        when.Should().BeOnOrAfter(start.AddSeconds(3600).AddMinutes(-1)).And.BeOnOrBefore(DateTimeOffset.UtcNow.AddSeconds(3600));

        // Before the stop: TTL lowered, mailbox created. The stop and after it: old MX, no alias, old DMARC.
        var zone = File.ReadAllText(MailPortfolio.ZoneFile(p));
        zone.Should().MatchRegex(@"300\s+IN\s+MX\s+10 mx1\.host\.example\.").And.NotContain("mx2").And.Contain("p=none");
        File.ReadAllText(MailPortfolio.MapFile(p, "virtual_mailboxes")).Should().Contain("dave@shop.example");
        File.ReadAllText(MailPortfolio.MapFile(p, "virtual_aliases")).Should().NotContain("info@shop.example");

        // Coming back too early changes nothing and says the same.
        var early = MailPortfolio.Snapshot(p);
        var again = await ReconcilerProcess.RunAsync(p.Path, "apply", "--yes");
        again.ExitCode.Should().Be(0, again.Output);
        again.StdOut.Should().Contain("staged cutover; run apply again after " + comeBack.Groups[1].Value);
        MailPortfolio.Snapshot(p).ShouldBeUnchanged(early, "the cutover still waits");

        var later = new Dictionary<string, string> { [TestClock.OffsetVariable] = "3700" };
        var second = await ReconcilerProcess.RunAsync(p.Path, later, "apply", "--yes");
        second.ExitCode.Should().Be(0, second.Output);
        second.StdErr.Should().Contain("test clock", "a shifted clock always says so");
        second.StdOut.Should().Contain("3 step(s) applied and verified").And.NotContain("staged cutover");
        zone = File.ReadAllText(MailPortfolio.ZoneFile(p));
        zone.Should().Contain("mx2.host.example.").And.NotContain("mx1.host.example.").And.Contain("p=quarantine");
        File.ReadAllText(MailPortfolio.MapFile(p, "virtual_aliases")).Should().Contain("info@shop.example dave@shop.example");

        var done = await ReconcilerProcess.RunAsync(p.Path, "plan", "--detailed-exitcode");
        done.ExitCode.Should().Be(0, done.Output);
    }

    [Fact]
    public async Task A_malformed_test_clock_is_an_error_not_a_silent_system_clock()
    {
        using var p = MailPortfolio.New();
        var r = await ReconcilerProcess.RunAsync(p.Path, new Dictionary<string, string> { [TestClock.OffsetVariable] = "soon" }, "plan");
        r.ExitCode.Should().Be(2, r.Output);
        r.StdErr.Should().Contain(TestClock.OffsetVariable);
    }

    [GeneratedRegex(@"shop\.example: staged cutover; run apply again after (\d{4}-\d\d-\d\d \d\d:\d\d) UTC to finish it\.")]
    private static partial Regex ComeBack();
}

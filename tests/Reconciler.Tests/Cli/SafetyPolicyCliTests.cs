using Reconciler.Tests.Shared;

namespace Reconciler.Tests.Cli;

/// <summary>
/// The safety policy through the built binary: a plan that deletes a mailbox and updates more than 30% of a zone is
/// shown (exit 3 under --detailed-exitcode), refused by apply with every blocked step and why, with the live state
/// untouched byte for byte, and applied only with --allow-destructive.
/// </summary>
public sealed class SafetyPolicyCliTests
{
    [Fact]
    public async Task A_blocked_plan_is_shown_refused_untouched_and_applied_only_when_allowed()
    {
        using var p = MailPortfolio.New();
        (await ReconcilerProcess.RunAsync(p.Path, "apply", "--yes")).ExitCode.Should().Be(0);

        // bob goes (a mailbox deletion), and 3 of the zone's 7 managed record sets change (43% > 30%).
        var mail = MailPortfolio.Mail.Replace("    - { local: bob, kind: human, owner: bob@shop.example }\n", "", StringComparison.Ordinal)
            .Replace("to: [alice, bob]", "to: [alice]", StringComparison.Ordinal);
        var dns = MailPortfolio.Dns.Replace("192.0.2.10", "198.51.100.10", StringComparison.Ordinal)
            .Replace("192.0.2.20", "198.51.100.20", StringComparison.Ordinal)
            .Replace("192.0.2.30", "198.51.100.30", StringComparison.Ordinal);
        p.Write("domains/shop.example.yaml", MailPortfolio.Domain(mail, dns));
        var before = MailPortfolio.Snapshot(p);

        var plan = await ReconcilerProcess.RunAsync(p.Path, "plan", "--detailed-exitcode");
        plan.ExitCode.Should().Be(3, plan.Output);
        plan.StdOut.Should().Contain("blocked: deletes mailbox bob@shop.example and the mail in it")
            .And.Contain("blocked: changes 3 of 7 record sets (43%) of shop.example.; the limit is 30")
            .And.Contain("blocked by the safety policy");
        (await ReconcilerProcess.RunAsync(p.Path, "plan")).ExitCode.Should().Be(0, "a preview never fails because a change would be blocked");

        var refused = await ReconcilerProcess.RunAsync(p.Path, "apply", "--yes");
        refused.ExitCode.Should().Be(1, refused.Output);
        refused.StdErr.Should().Contain("blocked by the safety policy; nothing was changed").And.Contain("--allow-destructive");
        foreach (var step in new[] { "update A @", "update A api", "update A cdn" })
        {
            refused.StdErr.Should().MatchRegex($@"shop\.example step \d+ {step}: changes 3 of 7 record sets");
        }

        refused.StdErr.Should().MatchRegex(@"shop\.example step \d+ delete mailbox bob@shop\.example: deletes mailbox bob@shop\.example");
        refused.StdErr.Should().NotContain("route sales", "the alias update is not blocked, so it is not listed");
        MailPortfolio.Snapshot(p).ShouldBeUnchanged(before, "a refused apply changes nothing, not even the unblocked steps");

        // Without --yes the refusal comes before any question (a "yes" could not make it pass).
        var unasked = await ReconcilerProcess.RunAsync(p.Path, "apply");
        unasked.ExitCode.Should().Be(1, unasked.Output);
        unasked.Output.Should().Contain("blocked by the safety policy").And.NotContain("Only 'yes' confirms");
        MailPortfolio.Snapshot(p).ShouldBeUnchanged(before, "still nothing changed");

        var allowed = await ReconcilerProcess.RunAsync(p.Path, "apply", "--allow-destructive", "--yes");
        allowed.ExitCode.Should().Be(0, allowed.Output);
        allowed.StdOut.Should().Contain("5 step(s) applied and verified");
        File.ReadAllText(MailPortfolio.MapFile(p, "virtual_mailboxes")).Should().NotContain("bob@");
        File.ReadAllText(MailPortfolio.MapFile(p, "passwd")).Should().NotContain("bob@");
        File.ReadAllText(MailPortfolio.ZoneFile(p)).Should().Contain("198.51.100.30");

        var after = await ReconcilerProcess.RunAsync(p.Path, "plan", "--detailed-exitcode");
        after.ExitCode.Should().Be(0, after.Output);
        after.StdOut.Should().Contain("No changes");
    }
}

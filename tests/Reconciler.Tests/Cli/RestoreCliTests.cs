using System.Text.Json;
using Reconciler.Tests.Common;
using Reconciler.Tests.Shared;

namespace Reconciler.Tests.Cli;

/// <summary>
/// Restoring last-known-good through the built binary: hand edits of MX, SPF and DMARC are put back by one apply
/// (nothing staged, "restore" in the plan), and <c>apply --restore DOMAIN</c> puts a domain's DNS back to what
/// Reconciler last applied, even when the manifest has an unapplied change.
/// </summary>
public sealed class RestoreCliTests
{
    /// <summary>Breaks mail the way a hand edit does: another MX, an SPF that lets anyone send, DMARC to reject.</summary>
    private static void BreakMail(TempPortfolio p, bool deleteDmarc = false)
    {
        var file = MailPortfolio.ZoneFile(p);
        var zone = File.ReadAllText(file)
            .Replace("10 mx1.host.example.", "10 mx.broken.example.", StringComparison.Ordinal)
            .Replace("\"v=spf1 mx -all\"", "\"v=spf1 +all\"", StringComparison.Ordinal);
        zone = deleteDmarc
            ? string.Join('\n', zone.Split('\n').Where(l => !l.StartsWith("_dmarc", StringComparison.Ordinal)))
            : zone.Replace("p=none", "p=reject", StringComparison.Ordinal);
        File.WriteAllText(file, zone);
    }

    [Fact]
    public async Task Hand_edited_mx_spf_and_dmarc_are_restored_by_one_apply_and_the_plan_says_restore()
    {
        using var p = MailPortfolio.New();
        (await ReconcilerProcess.RunAsync(p.Path, "apply", "--yes")).ExitCode.Should().Be(0);
        var good = File.ReadAllText(MailPortfolio.ZoneFile(p));
        BreakMail(p);

        var text = await ReconcilerProcess.RunAsync(p.Path, "plan");
        text.StdOut.Should().Contain("update MX @").And.NotContain("lower TTL").And.NotContain("not before");
        text.StdOut.Split('\n').Count(l => l.Contains("why: restore: live differs from the last-known-good of", StringComparison.Ordinal)).Should().Be(3, text.Output);

        var markdown = await ReconcilerProcess.RunAsync(p.Path, "plan", "--format", "markdown");
        markdown.StdOut.Should().Contain("| restore: live differs from the last-known-good of").And.Contain("(mail.mx) |");

        var json = await ReconcilerProcess.RunAsync(p.Path, "plan", "--format", "json");
        using (var doc = JsonDocument.Parse(json.StdOut))
        {
            var steps = doc.RootElement.GetProperty("domains")[0].GetProperty("steps").EnumerateArray().ToList();
            steps.Select(s => s.GetProperty("resource").GetString()).Should().Equal("TXT @", "MX @", "TXT _dmarc");
            steps.Should().AllSatisfy(s =>
            {
                s.GetProperty("reason").GetString().Should().StartWith("restore: ");
                s.GetProperty("purpose").GetString().Should().Be("restore");
                s.GetProperty("notBefore").ValueKind.Should().Be(JsonValueKind.Null);
            });
        }

        var apply = await ReconcilerProcess.RunAsync(p.Path, "apply", "--yes");
        apply.ExitCode.Should().Be(0, apply.Output);
        apply.StdOut.Should().Contain("Apply: 3 step(s) applied and verified").And.NotContain("staged cutover");
        File.ReadAllText(MailPortfolio.ZoneFile(p)).Should().Contain("10 mx1.host.example.").And.Contain("v=spf1 mx -all").And.Contain("p=none").And.NotContain("broken");
        var done = await ReconcilerProcess.RunAsync(p.Path, "plan", "--detailed-exitcode");
        done.ExitCode.Should().Be(0, "one apply restored everything, TTLs included\n" + done.Output + "\n" + good);
    }

    [Fact]
    public async Task The_example_portfolios_hand_edited_mx_is_restored_by_one_apply_not_staged()
    {
        using var p = TempPortfolio.CopyOf(RepoPaths.InRepo("examples", "portfolio"));
        foreach (var leftover in new[] { ".state", ".reconciler" }.Select(d => Path.Combine(p.Path, d)).Where(Directory.Exists))
        {
            Directory.Delete(leftover, recursive: true);
        }

        (await ReconcilerProcess.RunAsync(p.Path, "apply", "--yes")).ExitCode.Should().Be(0);
        var zone = Path.Combine(p.Path, ".state", "zones", "acme.example.zone");
        File.WriteAllText(zone, File.ReadAllText(zone).Replace("10 mx1.agency-mail.example.", "10 mx.broken.example.", StringComparison.Ordinal));

        var plan = await ReconcilerProcess.RunAsync(p.Path, "plan", "--domain", "acme.example");
        plan.StdOut.Should().Contain("why: restore: live differs from the last-known-good").And.NotContain("lower TTL").And.NotContain("not before");
        var apply = await ReconcilerProcess.RunAsync(p.Path, "apply", "--domain", "acme.example", "--yes");
        apply.ExitCode.Should().Be(0, apply.Output);
        apply.StdOut.Should().Contain("1 step(s) applied and verified");
        File.ReadAllText(zone).Should().Contain("10 mx1.agency-mail.example.");
        (await ReconcilerProcess.RunAsync(p.Path, "plan", "--domain", "acme.example", "--detailed-exitcode")).ExitCode.Should().Be(0);

        // northwind's cutover, which the manifest drives, is still staged.
        var northwind = await ReconcilerProcess.RunAsync(p.Path, "plan", "--domain", "northwind.example");
        northwind.StdOut.Should().Contain("not before").And.NotContain("restore");
    }

    [Fact]
    public async Task Apply_restore_puts_the_last_applied_dns_back_in_one_pass_and_prints_what_it_restored()
    {
        using var p = MailPortfolio.New();
        (await ReconcilerProcess.RunAsync(p.Path, "apply", "--yes")).ExitCode.Should().Be(0);
        BreakMail(p, deleteDmarc: true);

        // Meanwhile the manifest moves the MX and adds a mailbox, not applied yet: a restore brings back what worked.
        var mail = MailPortfolio.Mail.Replace("  mailboxes:\n", "  mailboxes:\n    - { local: dave, kind: human, owner: dave@shop.example }\n", StringComparison.Ordinal);
        p.Write("domains/shop.example.yaml", MailPortfolio.Domain(mail, mailDns: MailPortfolio.MailDns.Replace("mx1.host.example", "mx2.host.example", StringComparison.Ordinal)));

        var r = await ReconcilerProcess.RunAsync(p.Path, "apply", "--restore", "shop.example", "--yes");
        r.ExitCode.Should().Be(0, r.Output);
        r.StdOut.Should().Contain("why: restore: ").And.NotContain("not before");
        r.StdOut.Should().Contain("Restored shop.example: 3 of 3 record set(s)");
        r.StdOut.Should().Contain("MX @: 10 mx.broken.example. (ttl 3600) → 10 mx1.host.example. (ttl 3600)");
        r.StdOut.Should().Contain("TXT @: \"v=spf1 +all\" (ttl 3600) → \"v=spf1 mx -all\" (ttl 3600)");
        r.StdOut.Should().Contain("TXT _dmarc: (absent) → \"v=DMARC1; p=none; rua=mailto:dmarc@shop.example\" (ttl 3600)");
        var zone = File.ReadAllText(MailPortfolio.ZoneFile(p));
        zone.Should().Contain("10 mx1.host.example.").And.NotContain("mx2.host").And.Contain("v=spf1 mx -all").And.Contain("p=none");
        File.ReadAllText(MailPortfolio.MapFile(p, "virtual_mailboxes")).Should().NotContain("dave@", "a restore puts DNS back; the manifest's new mailbox waits for a normal apply");

        // The manifest's own MX change is a cutover again, staged as ever.
        var plan = await ReconcilerProcess.RunAsync(p.Path, "plan");
        plan.StdOut.Should().Contain("lower TTL 3600s → 300s ahead of the MX cutover").And.Contain("not before").And.NotContain("restore");

        var again = await ReconcilerProcess.RunAsync(p.Path, "apply", "--restore", "SHOP.example.", "--yes");
        again.ExitCode.Should().Be(0, again.Output);
        again.StdOut.Should().Contain("Nothing to restore: the DNS of shop.example matches its last-known-good.");
    }

    [Fact]
    public async Task Apply_restore_takes_neither_domain_nor_a_saved_plan_and_names_unknown_domains()
    {
        using var p = MailPortfolio.New();
        var both = await ReconcilerProcess.RunAsync(p.Path, "apply", "--restore", "shop.example", "--domain", "shop.example", "--yes");
        both.ExitCode.Should().Be(2, both.Output);
        both.StdErr.Should().Contain("--restore DOMAIN names the domains itself");

        var unknown = await ReconcilerProcess.RunAsync(p.Path, "apply", "--restore", "nope.example", "--yes");
        unknown.ExitCode.Should().Be(2, unknown.Output);
        unknown.StdErr.Should().Contain("--restore nope.example: not a domain of this portfolio");
        Directory.Exists(Path.Combine(p.Path, "state", "zones")).Should().BeFalse("nothing was applied");
    }
}

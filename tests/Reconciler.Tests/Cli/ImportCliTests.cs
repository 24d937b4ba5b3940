using Reconciler.Tests.Shared;

namespace Reconciler.Tests.Cli;

public sealed class ImportCliTests
{
    [Fact]
    public async Task An_imported_manifest_plans_to_no_changes()
    {
        using var p = PlanApplyCliTests.NewPortfolio();
        (await ReconcilerProcess.RunAsync(p.Path, "apply", "--yes")).ExitCode.Should().Be(0);

        var r = await ReconcilerProcess.RunAsync(p.Path, "import", "--provider", "zones", "--domain", "shop.example");
        r.ExitCode.Should().Be(0, r.Output);
        r.StdOut.Should().Contain("domain: shop.example").And.Contain("type: CAA");

        p.Write("domains/shop.example.yaml", r.StdOut);
        var plan = await ReconcilerProcess.RunAsync(p.Path, "plan", "--detailed-exitcode");
        plan.ExitCode.Should().Be(0, plan.Output + "\n---\n" + r.StdOut);
    }

    /// <summary>Live mail with every kind the importer writes: quota, display name, non-active states, an alias, a
    /// catch-all and a forward out of the portfolio that keeps a copy.</summary>
    private const string RichMail = """
          mailboxes:
            - { local: alice, kind: human, owner: alice@shop.example, quota: 5G, name: "Alice Liddell" }
            - { local: bob, kind: human, owner: bob@shop.example, state: suspended }
            - { local: carol, kind: human, owner: carol@shop.example, state: invited }
          aliases: [{ local: sales, to: [alice, bob] }]
          catchAll: { deliverTo: alice }

        """;

    private const string Forward = """
          forwards:
            - { from: jane, to: jane@personal.example, keepCopy: true, reason: contractor, approvedBy: alice@shop.example, expires: 2099-01-31 }

        """;

    [Fact]
    public async Task A_mail_section_imported_from_postfix_dovecot_validates_and_plans_to_no_changes()
    {
        using var p = MailPortfolio.New(MailPortfolio.Domain(RichMail));
        (await ReconcilerProcess.RunAsync(p.Path, "apply", "--yes")).ExitCode.Should().Be(0);

        var r = await ReconcilerProcess.RunAsync(p.Path, "import", "--provider", "mailhost", "--domain", "shop.example");
        r.ExitCode.Should().Be(0, r.Output);
        var mailSection = r.StdOut[r.StdOut.IndexOf("mail:\n", StringComparison.Ordinal)..];
        mailSection.Should().Contain("provider: mailhost").And.Contain("quota: 5G").And.Contain("state: suspended")
            .And.Contain("state: invited").And.Contain("catchAll").And.Contain("\"sales\"");

        // The imported section replaces the hand-written one; the DNS side (records, MX, SPF, DMARC) stays.
        p.Write("domains/shop.example.yaml", "domain: shop.example\n" + MailPortfolio.Dns + mailSection + MailPortfolio.MailDns);
        var validate = await ReconcilerProcess.RunAsync(p.Path, "validate");
        validate.ExitCode.Should().Be(0, validate.Output + "\n---\n" + mailSection);
        var plan = await ReconcilerProcess.RunAsync(p.Path, "plan", "--detailed-exitcode");
        plan.ExitCode.Should().Be(0, plan.Output + "\n---\n" + mailSection);
    }

    [Fact]
    public async Task An_imported_forward_out_of_the_portfolio_is_flagged_until_a_person_fills_it_in()
    {
        using var p = MailPortfolio.New(MailPortfolio.Domain(RichMail + Forward));
        (await ReconcilerProcess.RunAsync(p.Path, "apply", "--yes")).ExitCode.Should().Be(0);

        var r = await ReconcilerProcess.RunAsync(p.Path, "import", "--provider", "zones", "--provider", "mailhost", "--domain", "shop.example");
        r.ExitCode.Should().Be(0, r.Output);
        r.StdOut.Should().Contain("""- { from: "jane", to: "jane@personal.example", keepCopy: true }""");
        r.StdOut.Should().Contain("  mx:\n    - { host: ").And.NotContain("type: MX", "the MX goes where validate expects it for a domain with mailboxes");

        // Reason and expiry cannot be read from a map: validate asks for them (and plan will not run) ...
        p.Write("domains/shop.example.yaml", r.StdOut);
        var validate = await ReconcilerProcess.RunAsync(p.Path, "validate");
        validate.ExitCode.Should().Be(1);
        validate.Output.Should().Contain("MAIL004").And.Contain("MAIL005").And.Contain("jane@shop.example").And.NotContain("MAIL019");

        // ... and once a person has, the whole imported manifest plans to no changes.
        p.Write("domains/shop.example.yaml", r.StdOut.Replace("keepCopy: true }", "keepCopy: true, reason: contractor, approvedBy: alice@shop.example, expires: 2099-01-31 }", StringComparison.Ordinal));
        var plan = await ReconcilerProcess.RunAsync(p.Path, "plan", "--detailed-exitcode");
        plan.ExitCode.Should().Be(0, plan.Output + "\n---\n" + r.StdOut);
    }

    [Fact]
    public async Task Importing_an_unknown_provider_says_which_exist()
    {
        using var p = PlanApplyCliTests.NewPortfolio();
        var r = await ReconcilerProcess.RunAsync(p.Path, "import", "--provider", "bind", "--domain", "shop.example");
        r.ExitCode.Should().Be(2);
        r.StdErr.Should().Contain("provider 'bind' is not declared").And.Contain("zones");
    }
}

using Reconciler.Tests.Shared;
using Reconciler.Tests.Common;

namespace Reconciler.Tests.Cli;

/// <summary>The README's main job, on a copy of examples/portfolio with its seeded live state (zone files and mail maps).</summary>
public sealed class ExamplePortfolioCliTests
{
    private static TempPortfolio CopyOfExample()
    {
        var p = TempPortfolio.CopyOf(RepoPaths.InRepo("examples", "portfolio"));
        foreach (var leftover in new[] { ".state", ".reconciler" })
        {
            if (Directory.Exists(Path.Combine(p.Path, leftover)))
            {
                Directory.Delete(Path.Combine(p.Path, leftover), recursive: true);
            }
        }

        return p;
    }

    [Fact]
    public async Task The_first_plan_on_a_fresh_clone_shows_sync_drift_new_and_a_staged_cutover()
    {
        using var p = CopyOfExample();
        var r = await ReconcilerProcess.RunAsync(p.Path, "plan", "--detailed-exitcode");
        r.ExitCode.Should().Be(2, r.Output);
        r.StdOut.Should().NotContain("acme.example  (").And.NotContain("contoso.test  (").And.NotContain("old-brand.example  (");
        r.StdOut.Should().Contain("fabrikam.example").And.Contain("- 192.0.2.44, 192.0.2.99");
        r.StdOut.Should().Contain("create zone tailspin.test.");
        r.StdOut.Should().Contain("lower TTL 3600s → 300s ahead of the MX cutover").And.Contain("not before");
        r.StdOut.Should().Contain("DKIM selector 'fb2025' retiring since 2026-10-01");
        r.StdOut.Should().Contain("Plan: 17 to add, 5 to change, 2 to delete across 3 domains");
    }

    [Fact]
    public async Task Plan_apply_plan_then_hand_edits_of_a_zone_and_a_map_are_exactly_the_drift_and_apply_restores_them()
    {
        using var p = CopyOfExample();
        var northwind = Path.Combine(p.Path, "domains", "northwind.example.yaml");
        // The staged MX cutover would (rightly) wait an hour; this test is about convergence.
        File.WriteAllText(northwind, File.ReadAllText(northwind).Replace("policy:\n", "policy:\n  cutoverWaitsForTtl: false\n", StringComparison.Ordinal));

        (await ReconcilerProcess.RunAsync(p.Path, "plan", "--detailed-exitcode")).ExitCode.Should().Be(2);
        var apply = await ReconcilerProcess.RunAsync(p.Path, "apply", "--yes");
        apply.ExitCode.Should().Be(0, apply.Output);
        (await ReconcilerProcess.RunAsync(p.Path, "plan", "--detailed-exitcode")).ExitCode.Should().Be(0);

        var zone = Path.Combine(p.Path, ".state", "zones", "acme.example.zone");
        var aliases = Path.Combine(p.Path, ".state", "mail", "virtual_aliases");
        var zoneBefore = File.ReadAllText(zone);
        var aliasesBefore = File.ReadAllText(aliases);
        File.WriteAllText(zone, zoneBefore.Replace("192.0.2.10", "203.0.113.99", StringComparison.Ordinal));
        File.WriteAllText(aliases, aliasesBefore.Replace("sales@acme.example alice@acme.example, bob@acme.example", "sales@acme.example alice@acme.example, bob@acme.example, leak@personal.example", StringComparison.Ordinal));

        var drift = await ReconcilerProcess.RunAsync(p.Path, "plan", "--detailed-exitcode", "--format", "json");
        drift.ExitCode.Should().Be(2, drift.Output);
        using (var doc = System.Text.Json.JsonDocument.Parse(drift.StdOut))
        {
            var steps = doc.RootElement.GetProperty("domains").EnumerateArray()
                .SelectMany(d => d.GetProperty("steps").EnumerateArray().Select(s => (Domain: d.GetProperty("domain").GetString(), Resource: s.GetProperty("resource").GetString(), Action: s.GetProperty("action").GetString())))
                .ToList();
            steps.Should().BeEquivalentTo(new[] { ("acme.example", "A @", "update"), ("acme.example", "route sales@acme.example", "update") });
        }

        (await ReconcilerProcess.RunAsync(p.Path, "apply", "--yes")).ExitCode.Should().Be(0);
        File.ReadAllText(aliases).Should().Be(aliasesBefore);
        File.ReadAllText(zone).Should().Contain("192.0.2.10").And.NotContain("203.0.113.99");
        (await ReconcilerProcess.RunAsync(p.Path, "plan", "--detailed-exitcode")).ExitCode.Should().Be(0);

        var check = await ExternalTool.RunAsync("named-checkzone", ["acme.example", zone]);
        check.ExitCode.Should().Be(0, check.Output);
    }

    [Fact]
    public async Task A_syntax_error_in_a_mail_map_names_the_file_and_line_and_changes_nothing_of_that_provider()
    {
        using var p = CopyOfExample();
        (await ReconcilerProcess.RunAsync(p.Path, "plan")).ExitCode.Should().Be(0, "first use seeds .state");
        var mailboxes = Path.Combine(p.Path, ".state", "mail", "virtual_mailboxes");
        File.AppendAllText(mailboxes, "this line has no value\n");
        var snapshot = Directory.GetFiles(Path.Combine(p.Path, ".state"), "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllText);

        var r = await ReconcilerProcess.RunAsync(p.Path, "apply", "--yes");
        r.ExitCode.Should().Be(1);
        r.Output.Should().MatchRegex(@"virtual_mailboxes:\d+");
        foreach (var (file, text) in snapshot)
        {
            File.ReadAllText(file).Should().Be(text, $"{file} is not touched");
        }
    }
}

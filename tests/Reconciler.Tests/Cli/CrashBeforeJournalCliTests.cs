using Microsoft.Data.Sqlite;
using Reconciler.Applying;
using Reconciler.Cli;
using Reconciler.Tests.Common;
using Reconciler.Tests.Shared;

namespace Reconciler.Tests.Cli;

/// <summary>
/// The one window the journal cannot close: the process is killed for real (SIGKILL, by the fault-injection switch)
/// after a step changed the live system but before its result was journaled. The next apply must find the change
/// already made, apply nothing twice, and converge; zone and maps must hold no duplicates.
/// </summary>
public sealed class CrashBeforeJournalCliTests
{
    private const int Steps = MailPortfolio.FirstApplySteps;

    private static Dictionary<string, string> KillAt(int k) => new() { [FaultInjection.KillBeforeJournalVariable] = k.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    // 1: zone creation; 3: a mailbox (virtual_mailboxes and passwd); 10: the MX; 12: an alias (virtual_aliases).
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(10)]
    [InlineData(12)]
    public async Task A_saved_plan_killed_between_change_and_journal_is_resumed_without_repeating_the_change(int k)
    {
        using var p = MailPortfolio.New();
        (await ReconcilerProcess.RunAsync(p.Path, "plan", "--out", "plan.json")).ExitCode.Should().Be(0);

        var killed = await ReconcilerProcess.RunAsync(p.Path, KillAt(k), "apply", "plan.json");
        killed.ExitCode.Should().Be(137, "the process was killed, not ended: " + killed.Output);
        JournalRows(p.Path).Should().ContainSingle(r => r.State == "started", "the killed step's result never reached the journal");

        var resumed = await ReconcilerProcess.RunAsync(p.Path, "apply", "plan.json");
        resumed.ExitCode.Should().Be(0, resumed.Output);
        // The killed step runs again as far as the journal knows, but finds live already as planned (a no-op).
        resumed.StdOut.Should().Contain(k == 1 ? $"Apply: {Steps} step(s) applied and verified." : $"Apply: {Steps - k + 1} step(s) applied and verified, {k - 1} already done before.");

        (await ReconcilerProcess.RunAsync(p.Path, "plan", "--detailed-exitcode")).ExitCode.Should().Be(0, "live state converged");
        var rows = JournalRows(p.Path);
        rows.Should().OnlyContain(r => r.State == "succeeded", "the resumed apply closed the killed step's entry");
        rows.GroupBy(r => r.Resource).Should().HaveCount(Steps).And.OnlyContain(g => g.Count() == 1, "each step is journaled once");
        await ShouldMatchACleanApplyAsync(p);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(12)]
    public async Task A_plain_apply_after_the_kill_re_plans_without_the_change_that_took(int k)
    {
        using var p = MailPortfolio.New();
        var killed = await ReconcilerProcess.RunAsync(p.Path, KillAt(k), "apply", "--yes");
        killed.ExitCode.Should().Be(137, killed.Output);

        var again = await ReconcilerProcess.RunAsync(p.Path, "apply", "--yes");
        again.ExitCode.Should().Be(0, again.Output);
        again.StdOut.Should().Contain($"Apply: {Steps - k} step(s) applied and verified", "the re-plan read the killed step's change back from live");
        (await ReconcilerProcess.RunAsync(p.Path, "plan", "--detailed-exitcode")).ExitCode.Should().Be(0);

        // The journal stays truthful: the killed step is 'started' in the killed apply and in no later one.
        var rows = JournalRows(p.Path);
        var killedStep = rows.Single(r => r.State == "started");
        rows.Where(r => r.Resource == killedStep.Resource).Should().ContainSingle();
        rows.Where(r => r.State == "succeeded").GroupBy(r => r.Resource).Should().HaveCount(Steps - 1).And.OnlyContain(g => g.Count() == 1);
        await ShouldMatchACleanApplyAsync(p);
    }

    [Fact]
    public async Task A_ttl_lowering_killed_before_its_journal_entry_still_holds_the_cutover_back()
    {
        using var p = MailPortfolio.New();
        (await ReconcilerProcess.RunAsync(p.Path, "apply", "--yes")).ExitCode.Should().Be(0);
        p.Write("domains/shop.example.yaml", MailPortfolio.Domain(mailDns: MailPortfolio.MailDns.Replace("mx1.", "mx2.", StringComparison.Ordinal)));

        var killed = await ReconcilerProcess.RunAsync(p.Path, KillAt(1), "apply", "--yes");
        killed.ExitCode.Should().Be(137, killed.Output);
        File.ReadAllText(MailPortfolio.ZoneFile(p)).Should().MatchRegex(@"300\s+IN\s+MX\s+10 mx1\.", "the TTL was lowered before the kill");

        // Live now shows the low TTL and the journal never heard of the lowering finishing: the switch must still
        // wait out the old 3600 s TTL (resolvers may hold the old MX that long), not run at once.
        var again = await ReconcilerProcess.RunAsync(p.Path, "apply", "--yes");
        again.ExitCode.Should().Be(0, again.Output);
        again.StdOut.Should().Contain("staged cutover; run apply again after");
        File.ReadAllText(MailPortfolio.ZoneFile(p)).Should().NotContain("mx2.");

        var later = await ReconcilerProcess.RunAsync(p.Path, new Dictionary<string, string> { [TestClock.OffsetVariable] = "3700" }, "apply", "--yes");
        later.ExitCode.Should().Be(0, later.Output);
        File.ReadAllText(MailPortfolio.ZoneFile(p)).Should().Contain("mx2.host.example.");
    }

    /// <summary>The maps byte for byte as an uninterrupted apply writes them, and no record twice in the zone.</summary>
    private static async Task ShouldMatchACleanApplyAsync(TempPortfolio p)
    {
        using var clean = MailPortfolio.New();
        (await ReconcilerProcess.RunAsync(clean.Path, "apply", "--yes")).ExitCode.Should().Be(0);
        foreach (var map in new[] { "virtual_domains", "virtual_mailboxes", "virtual_aliases", "passwd" })
        {
            File.ReadAllText(MailPortfolio.MapFile(p, map)).Should().Be(File.ReadAllText(MailPortfolio.MapFile(clean, map)), map);
        }

        var records = File.ReadAllLines(MailPortfolio.ZoneFile(p)).Where(l => l.Length > 0 && !l.StartsWith(';') && !l.StartsWith('$')).ToList();
        records.Should().OnlyHaveUniqueItems();
        File.ReadAllLines(MailPortfolio.ZoneFile(clean)).Where(l => l.Contains(" IN ", StringComparison.Ordinal) && !l.Contains("SOA", StringComparison.Ordinal))
            .Should().BeEquivalentTo(records.Where(l => l.Contains(" IN ", StringComparison.Ordinal) && !l.Contains("SOA", StringComparison.Ordinal)));
        var check = await ExternalTool.RunAsync("named-checkzone", ["shop.example", MailPortfolio.ZoneFile(p)]);
        check.ExitCode.Should().Be(0, check.Output);
    }

    private sealed record Row(long Apply, string Resource, string State);

    private static List<Row> JournalRows(string portfolio)
    {
        using var db = new SqliteConnection($"Data Source={Path.Combine(portfolio, ".reconciler", "journal.db")};Pooling=false");
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT apply_id, resource, state FROM steps ORDER BY apply_id, step_index";
        using var r = cmd.ExecuteReader();
        var rows = new List<Row>();
        while (r.Read())
        {
            rows.Add(new Row(r.GetInt64(0), r.GetString(1), r.GetString(2)));
        }

        return rows;
    }
}

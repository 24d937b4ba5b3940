using System.Text.Json;
using Reconciler.Applying;
using Reconciler.Dns;
using Reconciler.Dns.Records;
using Reconciler.Integration.Tests.Dns.Servers;

namespace Reconciler.Integration.Tests.Dns.Cli;

/// <summary>
/// A hand edit with nsupdate between `plan --out plan.json` and `apply plan.json`, against BIND through the binary.
/// The executor's documented semantics (PlanExecutor): a fresh apply of a saved plan first compares each domain's
/// live fingerprint with the plan's and refuses the whole apply, changing nothing, when it moved; an apply that
/// resumes an interrupted one (same plan, journal) skips that check, so there the step-level guard, the UPDATE's
/// RFC 2136 prerequisite, is what stops the step whose record set was edited: "changed since plan".
/// </summary>
public sealed class DnsChangedSincePlanCliTests(BindFixture fixture) : IClassFixture<BindFixture>
{
    private static readonly string[] Names = ["a", "b", "c", "d"];

    private BindServer Server => fixture.Server;

    private static string Manifest(string domain, string value) =>
        $"domain: {domain}\nmail: {{ provider: none }}\ndns:\n  ttl: 300\n  records:\n"
        + string.Concat(Names.Select(n => $"    - {{ name: {n}, type: TXT, value: \"{n}-{value}\" }}\n"));

    [Fact]
    public async Task A_saved_plan_is_refused_whole_and_changes_nothing_when_nsupdate_moved_the_domain()
    {
        using var p = await AppliedPortfolioAsync();
        p.WriteManifest(Manifest(p.Domain, "v2"));
        var plan = await p.RunAsync("plan", "--out", "plan.json");
        plan.ExitCode.Should().Be(0, plan.Output);

        (await Server.NsUpdateAsync(p.Zone, $"update delete c.{p.Zone} TXT\nupdate add c.{p.Zone} 300 TXT \"by hand\"")).ExitCode.Should().Be(0);
        var before = await LiveAsync(p.Zone);
        var serial = await Server.SerialAsync(p.Zone);

        var r = await p.RunAsync("apply", "plan.json");
        r.ExitCode.Should().Be(1, r.Output);
        r.StdErr.Should().StartWith("reconciler: live state changed since the plan was made; nothing was changed. Run plan again")
            .And.Contain(p.Domain);
        (await LiveAsync(p.Zone)).Should().Equal(before, "no step ran");
        (await Server.SerialAsync(p.Zone)).Should().Be(serial, "no UPDATE reached BIND");
        await using var journal = await Journal.OpenAsync(p.JournalPath, CancellationToken.None);
        (await journal.AppliesAsync(CancellationToken.None)).Should().HaveCount(1, "only the first apply (of v1) is journaled; the refused one never started");
    }

    [Fact]
    public async Task A_resumed_apply_fails_the_edited_step_with_changed_since_plan_and_leaves_the_domain_consistent()
    {
        using var p = await AppliedPortfolioAsync();
        p.WriteManifest(Manifest(p.Domain, "v2"));
        var plan = await p.RunAsync("plan", "--out", "plan.json");
        plan.ExitCode.Should().Be(0, plan.Output);
        var steps = Steps(Path.Combine(p.Path, "plan.json"));
        steps.Should().HaveCount(4, "one step per TXT set");

        // The first apply dies (like kill -9) right after its first step is journaled.
        var killed = await p.RunAsync(new Dictionary<string, string> { [FaultInjection.KillAfterStepsVariable] = "1" }, "apply", "plan.json");
        killed.ExitCode.Should().NotBe(0, killed.Output);

        // Someone edits the set of step 3 by hand before the apply is resumed.
        var edited = steps[2];
        (await Server.NsUpdateAsync(p.Zone, $"update delete {edited.Name}.{p.Zone} TXT\nupdate add {edited.Name}.{p.Zone} 300 TXT \"by hand\"")).ExitCode.Should().Be(0);

        var r = await p.RunAsync("apply", "plan.json");
        r.ExitCode.Should().Be(1, r.Output);
        var errors = r.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        errors.Should().HaveCount(2, r.StdErr);
        errors[0].Should().Be($"{p.Domain}: step {edited.Index} failed: TXT {edited.Name} in {p.Zone} changed since plan: expected \"{edited.Name}-v1\" (ttl 300), found \"by hand\" (ttl 300); run plan again");
        errors[1].Should().Be($"{p.Domain}: stopped there; 2 step(s) before it are applied (journal apply #2). Fix the cause and run apply again.");

        // Steps before it applied, the failed one changed nothing, later ones not applied.
        var live = await LiveAsync(p.Zone);
        live[steps[0].Name].Should().Be($"{steps[0].Name}-v2");
        live[steps[1].Name].Should().Be($"{steps[1].Name}-v2");
        live[edited.Name].Should().Be("by hand", "the hand edit is not overwritten");
        live[steps[3].Name].Should().Be($"{steps[3].Name}-v1", "the domain stops at the failed step");

        await using (var journal = await Journal.OpenAsync(p.JournalPath, CancellationToken.None))
        {
            var applies = await journal.AppliesAsync(CancellationToken.None);
            applies.Should().HaveCount(2);
            applies[1].Result.Should().Be("failed", "the resumed apply ended on the failed step");
            var journaled = await journal.StepsAsync(applies[1].Id, CancellationToken.None);
            journaled.Select(s => (s.StepIndex, s.State)).Should().Equal(
                (steps[0].Index, StepState.Succeeded), (steps[1].Index, StepState.Succeeded), (edited.Index, StepState.Failed));
            journaled[2].Error.Should().Contain("changed since plan").And.NotContain("\n");
        }

        // After a new plan (which sees the hand edit) the domain converges.
        var again = await p.RunAsync("apply", "--yes");
        again.ExitCode.Should().Be(0, again.Output);
        (await LiveAsync(p.Zone)).Values.Should().OnlyContain(v => v.EndsWith("-v2", StringComparison.Ordinal));
    }

    /// <summary>A BIND zone under a portfolio whose manifest (v1) is applied.</summary>
    private async Task<DnsCliPortfolio> AppliedPortfolioAsync()
    {
        var p = DnsCliPortfolio.Rfc2136(Server, Server.NextEmptyZone());
        p.AppendConfig("safety: { maxZoneChangeShare: 1.0 }");
        p.WriteManifest(Manifest(p.Domain, "v1"));
        var apply = await p.RunAsync("apply", "--yes");
        apply.ExitCode.Should().Be(0, apply.Output);
        return p;
    }

    /// <summary>The TXT value of each of <see cref="Names"/> as BIND serves it now ("" when absent).</summary>
    private async Task<Dictionary<string, string>> LiveAsync(DnsName zone)
    {
        var live = new Dictionary<string, string>();
        foreach (var n in Names)
        {
            var answer = await Server.Client().QueryAsync(DnsName.Parse(n, zone), RecordType.TXT);
            live[n] = string.Join(",", answer.Answers.Select(a => a.Data).OfType<TxtData>().Select(t => t.Value));
        }

        return live;
    }

    private static List<(int Index, string Name)> Steps(string planFile)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(planFile));
        return doc.RootElement.GetProperty("domains")[0].GetProperty("steps").EnumerateArray()
            .Select(s => (s.GetProperty("index").GetInt32(), s.GetProperty("resource").GetString()!.Split(' ')[1]))
            .ToList();
    }
}

using Reconciler.Tests.Shared;
using Microsoft.Data.Sqlite;
using Reconciler.Tests.Common;

namespace Reconciler.Tests.Cli;

/// <summary>
/// The apply process is killed for real (SIGKILL, by the fault-injection switch) after each step of a multi-step
/// plan; the next apply must converge without running any finished step again.
/// </summary>
public sealed class CrashRecoveryCliTests
{
    private const int Steps = 7; // PlanApplyCliTests.Domain on an empty state: zone + 6 record sets

    public static TheoryData<int> Boundaries() => new(Enumerable.Range(1, Steps - 1));

    [Theory]
    [MemberData(nameof(Boundaries))]
    public async Task A_saved_plan_killed_after_step_k_resumes_where_it_stopped(int k)
    {
        using var p = PlanApplyCliTests.NewPortfolio();
        (await ReconcilerProcess.RunAsync(p.Path, "plan", "--out", "plan.json")).ExitCode.Should().Be(0);

        var killed = await ReconcilerProcess.RunAsync(p.Path, new Dictionary<string, string> { ["RECONCILER_FAULT_KILL_AFTER_STEPS"] = k.ToString() }, "apply", "plan.json");
        killed.ExitCode.Should().Be(137, "the process was killed, not ended: " + killed.Output);

        var resumed = await ReconcilerProcess.RunAsync(p.Path, "apply", "plan.json");
        resumed.ExitCode.Should().Be(0, resumed.Output);
        resumed.StdOut.Should().Contain($"{Steps - k} step(s) applied and verified, {k} already done before");

        (await ReconcilerProcess.RunAsync(p.Path, "plan", "--detailed-exitcode")).ExitCode.Should().Be(0, "live state converged");
        StepRunsPerResource(p.Path).Should().OnlyContain(kv => kv.Value == 1, "no step ran twice");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task An_apply_killed_mid_way_is_finished_by_the_next_plain_apply(int k)
    {
        using var p = PlanApplyCliTests.NewPortfolio();
        var killed = await ReconcilerProcess.RunAsync(p.Path, new Dictionary<string, string> { ["RECONCILER_FAULT_KILL_AFTER_STEPS"] = k.ToString() }, "apply", "--yes");
        killed.ExitCode.Should().Be(137, killed.Output);

        var again = await ReconcilerProcess.RunAsync(p.Path, "apply", "--yes");
        again.ExitCode.Should().Be(0, again.Output);
        again.StdOut.Should().Contain($"{Steps - k} step(s) applied and verified");
        StepRunsPerResource(p.Path).Should().OnlyContain(kv => kv.Value == 1, "a re-plan only holds what is still missing");
    }

    private static Dictionary<string, long> StepRunsPerResource(string portfolio)
    {
        using var db = new SqliteConnection($"Data Source={Path.Combine(portfolio, ".reconciler", "journal.db")};Pooling=false");
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT resource, count(*) FROM steps WHERE state = 'succeeded' GROUP BY resource";
        using var r = cmd.ExecuteReader();
        var result = new Dictionary<string, long>();
        while (r.Read())
        {
            result[r.GetString(0)] = r.GetInt64(1);
        }

        result.Should().HaveCount(Steps);
        return result;
    }
}

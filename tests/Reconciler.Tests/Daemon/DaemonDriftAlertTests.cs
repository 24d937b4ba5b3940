using System.Text.Json;
using Reconciler.Tests.Shared;

namespace Reconciler.Tests.Daemon;

/// <summary>
/// Drift alerts through the built binary, to a webhook listener on 127.0.0.1: one when drift appears, one when it
/// changes to a different difference, none while it stays the same, one when it clears; and `reconciler history`
/// tells the same story from Git.
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class DaemonDriftAlertTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task Drift_alerts_fire_when_it_appears_changes_and_clears_never_per_tick_and_history_shows_the_reports()
    {
        using var alerts = new AlertReceiver();
        await using var rig = new DaemonRig($"pollInterval: 1s\n  driftInterval: 1s\n  alertWebhook: {alerts.Url}");
        rig.Write("domains/shop.example.yaml", DaemonEndToEndTests.Shop());
        rig.CommitAndPush("shop.example: onboard");
        rig.Start();
        await rig.WaitInSyncAsync("shop.example", Patience);

        await rig.EditLiveAsync("shop.example", "192.0.2.10", "198.51.100.66");
        await rig.Eventually(() => alerts.Events.Count >= 1, Patience, "the drift is alerted");
        await rig.WaitTicksAsync(3, Patience);
        alerts.Events.Should().Equal(["drift.appeared shop.example"], "an unchanged drift is alerted once, not on every tick");

        // A different hand edit of the same record: a different drift.
        await rig.EditLiveAsync("shop.example", "198.51.100.66", "198.51.100.77");
        await rig.Eventually(() => alerts.Events.Count >= 2, Patience, "the changed drift is alerted");
        await rig.WaitTicksAsync(3, Patience);
        alerts.Events.Should().Equal(["drift.appeared shop.example", "drift.changed shop.example"], "a changed drift is alerted once");
        using (var appeared = JsonDocument.Parse(alerts.Bodies[0]))
        using (var changed = JsonDocument.Parse(alerts.Bodies[1]))
        {
            var c = changed.RootElement;
            c.GetProperty("summary").GetString().Should().Be("A changed outside Git");
            c.GetProperty("since").GetString().Should().Be(appeared.RootElement.GetProperty("since").GetString(), "it is the same drift episode, seen since the first edit");
            c.GetProperty("report").GetString().Should().Be("drift/shop.example.md");
        }

        await rig.Eventually(() => rig.RemoteFile("drift/shop.example.md")?.Contains("198.51.100.77", StringComparison.Ordinal) == true, Patience, "the report is rewritten for the new difference");
        rig.RemoteSubjects().Count(s => s == "drift(shop.example): A changed outside Git").Should().Be(2, "one report commit per distinct drift");

        // Put back by hand: the drift clears.
        await rig.EditLiveAsync("shop.example", "198.51.100.77", "192.0.2.10");
        await rig.Eventually(() => alerts.Events.Count >= 3, Patience, "the clearing is alerted");
        await rig.WaitInSyncAsync("shop.example", Patience);
        await rig.WaitTicksAsync(3, Patience);
        alerts.Events.Should().Equal(["drift.appeared shop.example", "drift.changed shop.example", "drift.cleared shop.example"]);
        await rig.Eventually(() => rig.RemoteFile("drift/shop.example.md") is null, Patience, "the report is removed in a commit");

        // The same story from Git alone: a fresh clone, no daemon, no journal.
        var reader = Path.Combine(rig.Root, "reader");
        DaemonRig.Git(rig.Root, "clone", "-q", rig.Remote, reader);
        var history = await ReconcilerProcess.RunAsync(reader, "history", "shop.example");
        history.ExitCode.Should().Be(0, history.Output);
        var lines = history.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var kinds = lines.Select(l => l[22..].Split("  ")[0].Trim()).ToList();
        kinds.Should().ContainInOrder("commit", "apply", "drift", "drift", "cleared");
        var drift = lines.Where(l => l[22..].StartsWith("drift", StringComparison.Ordinal)).ToList();
        drift.Should().HaveCount(2).And.OnlyContain(l => l.EndsWith("Reconciler Bot <bot@agency.example>: drift(shop.example): A changed outside Git", StringComparison.Ordinal));
        lines.Where(l => l[22..].StartsWith("cleared", StringComparison.Ordinal)).Should().ContainSingle()
            .Which.Should().EndWith("Reconciler Bot <bot@agency.example>: drift(shop.example): cleared, live matches Git again");
    }
}

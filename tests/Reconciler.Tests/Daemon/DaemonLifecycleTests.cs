using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Reconciler.Applying;
using Reconciler.Tests.Cli;
using Reconciler.Tests.Shared;

namespace Reconciler.Tests.Daemon;

/// <summary>
/// The daemon's life around its work, through the built binary: a stop while a step is in flight, a domain that keeps
/// failing next to healthy ones, and readiness when fetches stop working.
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed partial class DaemonLifecycleTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task SIGTERM_with_a_step_in_flight_finishes_that_step_exits_0_and_the_next_start_applies_only_the_rest()
    {
        await using var rig = new DaemonRig();
        rig.Write("domains/shop.example.yaml", PlanApplyCliTests.Domain);
        var commit = rig.CommitAndPush("shop.example: onboard (7 steps)");

        // Every step takes 1.5 s, so there is time to stop the daemon while one is running.
        rig.Start(new Dictionary<string, string> { [FaultInjection.StepDelayVariable] = "1500" });
        DaemonJournal.Step? inFlight = null;
        await rig.Eventually(
            () =>
            {
                var steps = DaemonJournal.Steps(rig);
                var done = steps.Count(s => s.State == "succeeded");
                inFlight = steps.FirstOrDefault(s => s.State == "started");
                return inFlight is not null && done is >= 1 and <= 4;
            },
            Patience,
            "a step is in flight after one finished and with more to come");

        (await rig.StopAsync()).Should().Be(0, "SIGTERM is a clean stop even mid-apply\n" + rig.Log);
        var journal = DaemonJournal.Steps(rig);
        journal.Should().NotContain(s => s.State == "started", "the step in flight was finished and journaled, not abandoned");
        journal.Should().ContainSingle(s => s.Index == inFlight!.Index).Which.State.Should().Be("succeeded");
        var firstRun = journal.Where(s => s.State == "succeeded").Select(s => s.Resource).ToList();
        firstRun.Count.Should().BeLessThan(7, "the daemon stopped before the remaining steps");
        DaemonJournal.Applies(rig).Should().ContainSingle().Which.Result.Should().Be("stopped", "a shutdown is journaled as such, not as a failure");
        rig.Log.Should().Contain("stopped for shutdown after");

        rig.Start();
        await rig.WaitInSyncAsync("shop.example", Patience);
        var succeeded = DaemonJournal.Steps(rig).Where(s => s.State == "succeeded").Select(s => s.Resource).ToList();
        succeeded.Should().HaveCount(7).And.OnlyHaveUniqueItems("no step is applied twice");
        succeeded.Should().StartWith(firstRun);
        rig.Zone("shop.example").Should().Contain("192.0.2.10").And.Contain("mx2.host.example").And.Contain("letsencrypt.org");

        // Both applies reach the commit's note: the stopped one (noted by the next start) and the one that finished.
        await rig.Eventually(() => NoteLines(rig, commit).Count == 2, Patience, "both applies are noted on the commit");
        var notes = NoteLines(rig, commit);
        notes.Select(n => n.Result).Should().BeEquivalentTo(["stopped", "succeeded"]);
        notes.SelectMany(n => n.Steps.Where(s => s.Result == "succeeded").Select(s => s.Resource)).Should().BeEquivalentTo(succeeded, "journal and notes agree");
    }

    [Fact]
    public async Task A_failing_domain_backs_off_exponentially_and_does_not_hold_up_another_domains_push()
    {
        // The failing domain lives on its own zone folder: a broken zone file stops every domain of its provider (by
        // design, see PortfolioPlanner), and this test is about one domain's failures, not one provider's.
        await using var rig = new DaemonRig();
        var legacy = Path.Combine(rig.Root, "live", "legacy");
        rig.Write("reconciler.yaml", rig.Config.Replace(
            "providers:\n",
            $"providers:\n  legacy: {{ kind: zonefile, settings: {{ directory: {legacy}, nameServers: [ns1.host.example.] }} }}\n",
            StringComparison.Ordinal));
        rig.Write("domains/shop.example.yaml", DaemonEndToEndTests.Shop());
        rig.Write("domains/old.example.yaml", """
            domain: old.example
            mail: { provider: none }
            dns:
              provider: legacy
              records:
                - { name: "@", type: A, value: 192.0.2.50 }
            """);
        rig.CommitAndPush("onboard shop.example and old.example");
        rig.Start();
        await rig.WaitInSyncAsync("shop.example", Patience);
        await rig.WaitInSyncAsync("old.example", Patience);

        var oldZone = Path.Combine(legacy, "old.example.zone");
        var intact = await File.ReadAllTextAsync(oldZone);
        await File.WriteAllTextAsync(oldZone, "$ORIGIN old.example.\n@ IN A this-is-not-an-address\n");
        await rig.WaitStateAsync("old.example", "failing", Patience);

        var ticksBefore = await rig.TicksAsync();
        rig.Write("domains/shop.example.yaml", DaemonEndToEndTests.Shop("192.0.2.11"));
        rig.CommitAndPush("shop.example: move the web server");
        await rig.Eventually(() => rig.Zone("shop.example").Contains("192.0.2.11", StringComparison.Ordinal), Patience, "the other domain's push is applied");
        (await rig.TicksAsync() - ticksBefore).Should().BeLessThanOrEqualTo(2, "a failing domain does not hold up the others");
        await rig.WaitInSyncAsync("shop.example", Patience);

        // Its tries are spaced by the backoff (1 s, 2 s, 4 s, … for a 1 s poll interval), not made on every tick.
        await rig.Eventually(() => Failures(rig, "old.example").Count >= 4, TimeSpan.FromSeconds(90), "old.example failed four times in a row");
        var failures = Failures(rig, "old.example");
        failures.Select(f => f.InARow).Take(4).Should().Equal(1, 2, 3, 4);
        failures.Select(f => f.NextTry).Take(4).Should().Equal(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8));
        for (var i = 1; i < 4; i++)
        {
            (failures[i].At - failures[i - 1].At).Should().BeGreaterThanOrEqualTo(failures[i - 1].NextTry - TimeSpan.FromMilliseconds(20), $"try {i + 1} waited out the backoff of try {i}");
        }

        var row = await rig.DomainAsync("old.example");
        row!.Message.Should().Contain("old.example.zone");
        row.NextAction.Should().StartWith("retry ").And.Contain("in a row");

        // Fixed by hand: it recovers on its next try (the backoff is capped at a minute for a 1 s poll interval).
        await File.WriteAllTextAsync(oldZone, intact);
        await rig.WaitInSyncAsync("old.example", TimeSpan.FromSeconds(120));
        rig.Log.Should().NotContain("Reconcile pass failed");
    }

    [Fact]
    public async Task Readyz_turns_unready_once_the_last_successful_fetch_is_older_than_three_poll_intervals_plus_30_s()
    {
        await using var rig = new DaemonRig(); // poll interval 1 s: stale after 33 s without a successful fetch
        rig.Write("domains/shop.example.yaml", DaemonEndToEndTests.Shop());
        rig.CommitAndPush("shop.example: onboard");
        rig.Start();
        await rig.WaitInSyncAsync("shop.example", Patience);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var ready = await http.GetAsync(new Uri(rig.Base, "readyz"));
        ready.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ready.Content.ReadAsStringAsync()).Trim().Should().Be("ready");

        // The remote goes away: fetches fail from now on.
        var away = rig.Remote + ".away";
        Directory.Move(rig.Remote, away);
        var watch = Stopwatch.StartNew();
        await rig.Eventually(() => rig.Log.Contains("Fetch failed", StringComparison.Ordinal), Patience, "a fetch fails");
        (await http.GetAsync(new Uri(rig.Base, "readyz"))).StatusCode.Should().Be(HttpStatusCode.OK, "one failed fetch is not stale yet");

        string? why = null;
        await rig.Eventually(
            async () =>
            {
                var r = await http.GetAsync(new Uri(rig.Base, "readyz"));
                why = await r.Content.ReadAsStringAsync();
                return r.StatusCode == HttpStatusCode.ServiceUnavailable;
            },
            TimeSpan.FromSeconds(120),
            "/readyz answers 503");
        watch.Elapsed.Should().BeGreaterThan(TimeSpan.FromSeconds(25), "not before 3 poll intervals + 30 s since the last good fetch");
        why.Should().StartWith("last successful fetch ").And.Contain(" s ago: ");
        (await http.GetAsync(new Uri(rig.Base, "healthz"))).StatusCode.Should().Be(HttpStatusCode.OK, "the process is still up");

        Directory.Move(away, rig.Remote);
        await rig.Eventually(async () => (await http.GetAsync(new Uri(rig.Base, "readyz"))).StatusCode == HttpStatusCode.OK, Patience, "/readyz is ready again after a good fetch");
    }

    private sealed record Failure(DateTimeOffset At, int InARow, TimeSpan NextTry);

    /// <summary>The daemon's "failed (N in a row), next try in D" lines for a domain, from its JSON log.</summary>
    private static List<Failure> Failures(DaemonRig rig, string domain)
    {
        var list = new List<Failure>();
        foreach (var line in rig.Log.Split('\n').Where(l => l.StartsWith('{')))
        {
            using var doc = JsonDocument.Parse(line);
            var message = doc.RootElement.TryGetProperty("Message", out var m) ? m.GetString() ?? "" : "";
            if (!message.StartsWith(domain + ": failed (", StringComparison.Ordinal))
            {
                continue;
            }

            var match = FailureLine().Match(message);
            list.Add(new Failure(
                DateTimeOffset.Parse(doc.RootElement.GetProperty("Timestamp").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture),
                TimeSpan.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture)));
        }

        return list;
    }

    [GeneratedRegex(@"failed \((\d+) in a row\), next try in (\d+:\d\d:\d\d(?:\.\d+)?)")]
    private static partial Regex FailureLine();

    private static List<Reconciler.GitOps.ApplyNote> NoteLines(DaemonRig rig, string commit)
    {
        var notes = DaemonRig.TryGit(rig.Remote, "notes", "--ref", "refs/notes/reconciler", "show", commit);
        return notes.ExitCode != 0
            ? []
            : notes.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => Reconciler.GitOps.ApplyNote.TryParse(l)).OfType<Reconciler.GitOps.ApplyNote>().ToList();
    }
}

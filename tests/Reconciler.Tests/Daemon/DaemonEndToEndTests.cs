using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Reconciler.Daemon.Http;
using Reconciler.Tests.Cli;
using Reconciler.Tests.Shared;

namespace Reconciler.Tests.Daemon;

/// <summary>
/// `reconciler serve` end to end: the built binary as its own process, a bare repository as the remote, a person's
/// clone pushing to it, and the zone-file provider as the live side.
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class DaemonEndToEndTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    public static string Shop(string address = "192.0.2.10", string policy = "") => $"""
        domain: shop.example
        mail:
          provider: none
          mx: [{"{"} host: mx1.host.example {"}"}]
        dns:
          records:
            - {"{"} name: "@", type: A, value: {address} {"}"}   # the web server
            - {"{"} name: www, type: CNAME, value: "@" {"}"}
        {policy}
        """;

    [Fact]
    public async Task A_pushed_change_is_live_within_two_ticks()
    {
        await using var rig = new DaemonRig();
        rig.Write("domains/shop.example.yaml", Shop());
        rig.CommitAndPush("shop.example: onboard");
        rig.Start();
        await rig.Eventually(() => rig.Zone("shop.example").Contains("192.0.2.10", StringComparison.Ordinal), Patience, "the first manifest is applied");

        using var http = new HttpClient();
        var ticksBefore = await TicksAsync(http, rig);
        rig.Write("domains/shop.example.yaml", Shop("192.0.2.11"));
        rig.CommitAndPush("shop.example: move the web server");
        await rig.Eventually(() => rig.Zone("shop.example").Contains("192.0.2.11", StringComparison.Ordinal), Patience, "the pushed change is applied");
        var ticksAfter = await TicksAsync(http, rig);
        (ticksAfter - ticksBefore).Should().BeLessThanOrEqualTo(2, "a pass that fetched before the push ends, the next one applies it");

        var status = JsonDocument.Parse(await http.GetStringAsync(new Uri(rig.Base, "api/domains")));
        status.RootElement.GetProperty("domains")[0].GetProperty("state").GetString().Should().Be("in-sync");
        (await rig.StopAsync()).Should().Be(0, "SIGTERM is a clean stop\n" + rig.Log);
        rig.Log.Should().Contain("\"LogLevel\":", "logs are JSON lines when standard output is not a terminal");
    }

    [Fact]
    public async Task A_hand_edit_is_reported_in_Git_once_and_onDrift_revert_restores_it()
    {
        using var alerts = new AlertReceiver();
        await using var rig = new DaemonRig($"pollInterval: 1s\n  driftInterval: 1s\n  alertWebhook: {alerts.Url}");
        rig.Write("domains/shop.example.yaml", Shop());
        rig.CommitAndPush("shop.example: onboard");
        rig.Start();
        await rig.Eventually(() => rig.Zone("shop.example").Contains("192.0.2.10", StringComparison.Ordinal), Patience, "the manifest is applied");
        await rig.WaitInSyncAsync("shop.example", Patience);

        File.WriteAllText(rig.ZoneFile("shop.example"), rig.Zone("shop.example").Replace("192.0.2.10", "198.51.100.66", StringComparison.Ordinal));
        await rig.Eventually(() => rig.RemoteSubjects().Contains("drift(shop.example): A changed outside Git"), Patience, "a drift commit reaches the remote");
        var report = rig.RemoteFile("drift/shop.example.md")!;
        report.Should().Contain("# Drift: shop.example").And.Contain("198.51.100.66").And.Contain("192.0.2.10").And.Contain("The plan that would restore");
        using (var json = JsonDocument.Parse(rig.RemoteFile("drift/shop.example.json")!))
        {
            var difference = json.RootElement.GetProperty("differences")[0];
            difference.GetProperty("resource").GetString().Should().Be("A @");
            difference.GetProperty("live").GetString().Should().StartWith("198.51.100.66");
        }

        var author = DaemonRig.Git(rig.Remote, "log", "-1", "--format=%an <%ae>", "main", "--", "drift/shop.example.md").Trim();
        author.Should().Be("Reconciler Bot <bot@agency.example>");
        rig.Zone("shop.example").Should().Contain("198.51.100.66", "onDrift: report changes nothing live");

        await Task.Delay(TimeSpan.FromSeconds(4)); // several more ticks with the same drift
        rig.RemoteSubjects().Count(s => s.StartsWith("drift(shop.example)", StringComparison.Ordinal)).Should().Be(1, "an unchanged drift is not committed again");
        alerts.Events.Should().Equal(["drift.appeared shop.example"], "alerts fire when drift appears, not on every tick");

        rig.Write("domains/shop.example.yaml", Shop(policy: "policy: { onDrift: revert }"));
        rig.CommitAndPush("shop.example: put hand edits back");
        await rig.Eventually(() => rig.Zone("shop.example").Contains("192.0.2.10", StringComparison.Ordinal), Patience, "the revert restores Git's value");
        await rig.Eventually(() => rig.RemoteFile("drift/shop.example.md") is null, Patience, "the report is removed in a commit");
        rig.RemoteSubjects().Should().Contain(s => s.StartsWith("drift(shop.example): cleared", StringComparison.Ordinal));
        await rig.Eventually(() => alerts.Events.Count == 2, Patience, "the clearing is alerted");
        alerts.Events[1].Should().Be("drift.cleared shop.example");
    }

    [Fact]
    public async Task A_git_revert_takes_live_back_and_history_tells_the_whole_story()
    {
        await using var rig = new DaemonRig();
        rig.Write("domains/shop.example.yaml", Shop());
        var first = rig.CommitAndPush("shop.example: onboard");
        rig.Start();
        await rig.Eventually(() => rig.Zone("shop.example").Contains("192.0.2.10", StringComparison.Ordinal), Patience, "v1 is applied");
        rig.Write("domains/shop.example.yaml", Shop("192.0.2.11"));
        var second = rig.CommitAndPush("shop.example: move the web server");
        await rig.Eventually(() => rig.Zone("shop.example").Contains("192.0.2.11", StringComparison.Ordinal), Patience, "v2 is applied");

        DaemonRig.Git(rig.Person, "pull", "-q", "--rebase", "origin", "main");
        DaemonRig.Git(rig.Person, "revert", "--no-edit", second);
        rig.PushWithRebase();
        var revert = DaemonRig.Git(rig.Person, "rev-parse", "HEAD").Trim();
        await rig.Eventually(() => rig.Zone("shop.example").Contains("192.0.2.10", StringComparison.Ordinal) && !rig.Zone("shop.example").Contains("192.0.2.11", StringComparison.Ordinal), Patience, "the revert is applied");

        // History from Git alone: a fresh clone, no journal, no daemon.
        var reader = Path.Combine(rig.Root, "reader");
        DaemonRig.Git(rig.Root, "clone", "-q", rig.Remote, reader);
        await rig.Eventually(async () => (await ReconcilerProcess.RunAsync(reader, "history", "shop.example")).StdOut.Contains($"apply    {revert[..10]}", StringComparison.Ordinal), Patience, "the revert's apply note is pushed");
        var history = await ReconcilerProcess.RunAsync(reader, "history", "shop.example", ".");
        history.ExitCode.Should().Be(0, history.Output);
        var lines = history.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var story = lines.Select(l => l[22..].Split("  ")[0].Trim() + " " + l[31..41]).ToList();
        story.Should().ContainInOrder(
            $"commit {first[..10]}", $"apply {first[..10]}",
            $"commit {second[..10]}", $"apply {second[..10]}",
            $"commit {revert[..10]}", $"apply {revert[..10]}");
        history.StdOut.Should().Contain("Alice Admin <alice@agency.example>: Revert \"shop.example: move the web server\"").And.Contain("update A @");

        var since = await ReconcilerProcess.RunAsync(reader, "history", "shop.example", "--since", DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        since.StdOut.Should().Contain("no history");
    }

    [Fact]
    public async Task Killed_mid_apply_it_converges_on_restart_without_repeating_a_step_and_notes_match_the_journal()
    {
        await using var rig = new DaemonRig();
        rig.Write("domains/shop.example.yaml", PlanApplyCliTests.Domain);
        var commit = rig.CommitAndPush("shop.example: onboard (7 steps)");
        rig.Start(new Dictionary<string, string> { ["RECONCILER_FAULT_KILL_AFTER_STEPS"] = "3" });
        using (var cts = new CancellationTokenSource(Patience))
        {
            await rig.Process.WaitForExitAsync(cts.Token);
        }

        rig.Process.ExitCode.Should().Be(137, "the fault switch kills the daemon like kill -9\n" + rig.Log);
        SucceededSteps(rig).Should().HaveCount(3);

        rig.Start();
        await rig.WaitHealthyAsync();
        using var http = new HttpClient();
        await rig.Eventually(async () => (await http.GetStringAsync(new Uri(rig.Base, "api/domains"))).Contains("\"in-sync\"", StringComparison.Ordinal), Patience, "the domain converges");
        var journal = SucceededSteps(rig);
        journal.Should().HaveCount(7).And.OnlyHaveUniqueItems("no step ran twice");

        await rig.Eventually(() => NotedSteps(rig, commit).Count == 7, Patience, "both applies are noted on the commit");
        NotedSteps(rig, commit).Should().BeEquivalentTo(journal, "journal and notes agree");
        var notes = DaemonRig.Git(rig.Remote, "notes", "--ref", "refs/notes/reconciler", "show", commit);
        notes.Should().Contain("\"result\":\"interrupted\"").And.Contain("\"result\":\"succeeded\"");
    }

    [Fact]
    public async Task Drift_commits_and_a_persons_concurrent_pushes_all_land()
    {
        await using var rig = new DaemonRig();
        var domains = Enumerable.Range(1, 4).Select(i => $"shop{i}.example").ToList();
        foreach (var d in domains)
        {
            rig.Write($"domains/{d}.yaml", Shop().Replace("shop.example", d, StringComparison.Ordinal));
        }

        rig.CommitAndPush("onboard four shops");
        rig.Start();
        await rig.Eventually(() => domains.All(d => rig.Zone(d).Contains("192.0.2.10", StringComparison.Ordinal)), Patience, "all four are applied");

        foreach (var d in domains)
        {
            File.WriteAllText(rig.ZoneFile(d), rig.Zone(d).Replace("192.0.2.10", "198.51.100.7", StringComparison.Ordinal));
        }

        var mine = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            rig.Write($"notes/meeting-{i}.txt", $"notes {i}\n");
            mine.Add($"notes: meeting {i}");
            rig.CommitAndPush($"notes: meeting {i}");
        }

        await rig.Eventually(() => domains.All(d => rig.RemoteSubjects().Contains($"drift({d}): A changed outside Git")), Patience, "every drift commit lands");
        var subjects = rig.RemoteSubjects();
        subjects.Should().Contain(mine, "nothing the person pushed is lost");
        foreach (var d in domains)
        {
            rig.RemoteFile($"drift/{d}.md").Should().Contain("198.51.100.7");
        }
    }

    [Fact]
    public async Task A_webhook_with_a_wrong_signature_is_refused_and_a_signed_one_starts_a_reconcile()
    {
        const string secret = "s3cret-for-tests";
        const string token = "status-token-for-tests";
        await using var rig = new DaemonRig("pollInterval: 1h\n  driftInterval: 1h\n  webhookSecret: env:TEST_WEBHOOK_SECRET\n  statusToken: env:TEST_STATUS_TOKEN");
        rig.Write("domains/shop.example.yaml", Shop());
        rig.CommitAndPush("shop.example: onboard");
        rig.Start(new Dictionary<string, string> { ["TEST_WEBHOOK_SECRET"] = secret, ["TEST_STATUS_TOKEN"] = token });
        await rig.Eventually(() => rig.Zone("shop.example").Contains("192.0.2.10", StringComparison.Ordinal), Patience, "the first pass applies");

        rig.Write("domains/shop.example.yaml", Shop("192.0.2.12"));
        rig.CommitAndPush("shop.example: new address");
        using var http = new HttpClient();
        var body = Encoding.UTF8.GetBytes("""{"ref":"refs/heads/main","after":"0000000000000000000000000000000000000000"}""");

        (await PostWebhook(http, rig, body, "sha256=" + new string('0', 64), "d-1")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await PostWebhook(http, rig, body, null, "d-2")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await PostWebhook(http, rig, body, WebhookSignature.Sign(Encoding.UTF8.GetBytes("wrong"), body), "d-3")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        await Task.Delay(TimeSpan.FromSeconds(3));
        rig.Zone("shop.example").Should().Contain("192.0.2.10", "a refused webhook triggers nothing (polling is hourly here)");

        var signed = WebhookSignature.Sign(Encoding.UTF8.GetBytes(secret), body);
        (await PostWebhook(http, rig, body, signed, "d-4")).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await rig.Eventually(() => rig.Zone("shop.example").Contains("192.0.2.12", StringComparison.Ordinal), Patience, "the signed webhook starts a reconcile");
        var again = await PostWebhook(http, rig, body, signed, "d-4");
        again.StatusCode.Should().Be(HttpStatusCode.OK);
        (await again.Content.ReadAsStringAsync()).Should().Contain("already handled");

        // The access rule: open probes and webhook, everything else behind the bearer token.
        (await http.GetAsync(new Uri(rig.Base, "healthz"))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await http.GetAsync(new Uri(rig.Base, "readyz"))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await http.GetAsync(new Uri(rig.Base, "invite/abc"))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await http.GetAsync(new Uri(rig.Base, "metrics"))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await http.GetAsync(rig.Base)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using var authed = new HttpRequestMessage(HttpMethod.Get, new Uri(rig.Base, "metrics"));
        authed.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var metrics = await (await http.SendAsync(authed)).Content.ReadAsStringAsync();
        metrics.Should().Contain("reconciler_webhooks_total{outcome=\"rejected\"} 3")
            .And.Contain("reconciler_domains{state=\"in_sync\"} 1")
            .And.Contain("reconciler_apply_steps_total{result=\"succeeded\"}")
            .And.Contain("reconciler_reconcile_duration_seconds_bucket{le=\"+Inf\"}")
            .And.Contain("reconciler_last_successful_fetch_timestamp_seconds");
        rig.Log.Should().NotContain(secret).And.NotContain(token);
    }

    [Fact]
    public async Task Bad_configuration_exits_78_and_says_what_to_fix()
    {
        await using var rig = new DaemonRig();
        rig.Write("reconciler.yaml", rig.Config.Replace($"listen: 127.0.0.1:{rig.Port}", "listen: 0.0.0.0:18080", StringComparison.Ordinal));
        var r = await ReconcilerProcess.RunAsync(rig.Root, "serve", "--config", rig.Person, "--work", rig.Work);
        r.ExitCode.Should().Be(78, r.Output);
        r.StdErr.Should().Contain("daemon.statusToken");

        await using var missing = new DaemonRig("statusToken: env:RECONCILER_TEST_UNSET_TOKEN");
        r = await ReconcilerProcess.RunAsync(missing.Root, "serve", "--config", missing.Person, "--work", missing.Work);
        r.ExitCode.Should().Be(78, r.Output);
        r.StdErr.Should().Contain("RECONCILER_TEST_UNSET_TOKEN");

        r = await ReconcilerProcess.RunAsync(missing.Root, "serve", "--config", Path.Combine(missing.Root, "nothing.yaml"));
        r.ExitCode.Should().Be(78);
        r = await ReconcilerProcess.RunAsync(missing.Root, "serve", "--config", missing.Person, "--shard-index", "3", "--shard-count", "2");
        r.ExitCode.Should().Be(2);
    }

    private static async Task<HttpResponseMessage> PostWebhook(HttpClient http, DaemonRig rig, byte[] body, string? signature, string delivery)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(rig.Base, "webhooks/github")) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-GitHub-Event", "push");
        request.Headers.Add("X-GitHub-Delivery", delivery);
        if (signature is not null)
        {
            request.Headers.Add(WebhookSignature.Header, signature);
        }

        return await http.SendAsync(request);
    }

    private static async Task<long> TicksAsync(HttpClient http, DaemonRig rig)
    {
        var text = await http.GetStringAsync(new Uri(rig.Base, "metrics"));
        var line = text.Split('\n').First(l => l.StartsWith("reconciler_reconcile_duration_seconds_count", StringComparison.Ordinal));
        return long.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture);
    }

    private static List<string> SucceededSteps(DaemonRig rig)
    {
        using var db = new SqliteConnection($"Data Source={Path.Combine(rig.Work, "journal.db")};Pooling=false");
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT resource FROM steps WHERE state = 'succeeded' ORDER BY apply_id, step_index";
        using var r = cmd.ExecuteReader();
        var list = new List<string>();
        while (r.Read())
        {
            list.Add(r.GetString(0));
        }

        return list;
    }

    private static List<string> NotedSteps(DaemonRig rig, string commit)
    {
        var notes = DaemonRig.TryGit(rig.Remote, "notes", "--ref", "refs/notes/reconciler", "show", commit);
        if (notes.ExitCode != 0)
        {
            return [];
        }

        return notes.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => Reconciler.GitOps.ApplyNote.TryParse(l))
            .Where(n => n is not null)
            .SelectMany(n => n!.Steps.Where(s => s.Result == "succeeded").Select(s => s.Resource))
            .ToList();
    }
}

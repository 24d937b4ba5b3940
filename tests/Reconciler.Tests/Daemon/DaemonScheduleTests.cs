using System.Globalization;
using Reconciler.Tests.Shared;

namespace Reconciler.Tests.Daemon;

/// <summary>
/// When the daemon may apply, through the built binary: change windows (per domain and per template, computed around
/// the current time in real time zones so the test means the same at any hour) and staged MX cutovers that resume
/// on a later pass once the old TTL has expired.
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class DaemonScheduleTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    private const string EveryDay = "[mon, tue, wed, thu, fri, sat, sun]";

    [Fact]
    public async Task A_push_outside_the_change_window_is_held_and_one_inside_it_is_applied()
    {
        await using var rig = new DaemonRig();
        string[] domains = ["held.example", "templated.example", "open.example"];
        foreach (var d in domains)
        {
            rig.Write($"domains/{d}.yaml", Manifest(d, "192.0.2.10"));
        }

        rig.CommitAndPush("onboard three domains");
        rig.Start();
        foreach (var d in domains)
        {
            await rig.WaitInSyncAsync(d, Patience);
        }

        // Windows relative to now, on the wall clocks of two zones: closed ones open in 3 hours, the open one
        // started an hour ago. Every day is listed, so the weekday never matters; a window past midnight wraps.
        var now = DateTimeOffset.UtcNow;
        var closedKolkata = Window(now, "Asia/Kolkata", TimeSpan.FromHours(3), TimeSpan.FromHours(4));
        var closedTokyo = Window(now, "Asia/Tokyo", TimeSpan.FromHours(3), TimeSpan.FromHours(4));
        var openKolkata = Window(now, "Asia/Kolkata", TimeSpan.FromHours(-1), TimeSpan.FromHours(2));
        var opens = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddHours(3);

        rig.Write("templates/night-shift.yaml", $"""
            description: Client changes only at night, Tokyo time.
            policy:
              changeWindow: {closedTokyo}
            """);
        rig.Write("domains/held.example.yaml", Manifest("held.example", "192.0.2.11", $"policy: {{ changeWindow: {closedKolkata} }}"));
        rig.Write("domains/templated.example.yaml", "use: [night-shift]\n" + Manifest("templated.example", "192.0.2.11"));
        rig.Write("domains/open.example.yaml", Manifest("open.example", "192.0.2.11", $"policy: {{ changeWindow: {openKolkata} }}"));
        rig.CommitAndPush("move all three web servers, each with its change window");

        await rig.Eventually(() => rig.Zone("open.example").Contains("192.0.2.11", StringComparison.Ordinal), Patience, "the change inside its window is applied");
        foreach (var d in new[] { "held.example", "templated.example" })
        {
            var row = await rig.WaitStateAsync(d, "waiting-window", Patience);
            row.Message.Should().Be($"apply held until the change window opens at {opens:yyyy-MM-dd HH:mm} UTC");
            row.NextAction.Should().StartWith("apply when the change window opens");
        }

        // Several more passes: still nothing applied outside the window.
        await rig.WaitTicksAsync(3, Patience);
        rig.Zone("held.example").Should().Contain("192.0.2.10").And.NotContain("192.0.2.11");
        rig.Zone("templated.example").Should().Contain("192.0.2.10").And.NotContain("192.0.2.11");
        (await rig.DomainAsync("held.example"))!.State.Should().Be("waiting-window");
        using (var http = new HttpClient())
        {
            var page = await http.GetStringAsync(rig.Base);
            page.Should().Contain("data-domain=\"held.example\" data-state=\"waiting-window\"")
                .And.Contain("data-domain=\"templated.example\" data-state=\"waiting-window\"")
                .And.Contain("data-domain=\"open.example\" data-state=\"in-sync\"")
                .And.Contain("waiting for change window");
        }

        // The same domain, its window now open: the held change goes out.
        rig.Write("domains/held.example.yaml", Manifest("held.example", "192.0.2.11", $"policy: {{ changeWindow: {openKolkata} }}"));
        rig.CommitAndPush("held.example: widen the change window");
        await rig.Eventually(() => rig.Zone("held.example").Contains("192.0.2.11", StringComparison.Ordinal), Patience, "the held change is applied once the window is open");
        await rig.WaitInSyncAsync("held.example", Patience);
        rig.Zone("templated.example").Should().NotContain("192.0.2.11");
    }

    [Fact]
    public async Task A_revert_outside_the_change_window_is_held_while_the_drift_checks_go_on()
    {
        await using var rig = new DaemonRig();
        rig.Write("domains/shop.example.yaml", DaemonEndToEndTests.Shop());
        rig.CommitAndPush("shop.example: onboard");
        rig.Start();
        await rig.WaitInSyncAsync("shop.example", Patience);
        var closed = Window(DateTimeOffset.UtcNow, "Asia/Kolkata", TimeSpan.FromHours(3), TimeSpan.FromHours(4));
        rig.Write("domains/shop.example.yaml", DaemonEndToEndTests.Shop(policy: $"policy: {{ onDrift: revert, changeWindow: {closed} }}"));
        rig.CommitAndPush("shop.example: revert hand edits, in the change window only");
        await rig.WaitTicksAsync(2, Patience);
        await rig.WaitInSyncAsync("shop.example", Patience);

        await rig.EditLiveAsync("shop.example", "192.0.2.10", "198.51.100.66");
        await rig.Eventually(() => rig.RemoteSubjects().Contains("drift(shop.example): A changed outside Git"), Patience, "the drift is reported");
        var row = await rig.WaitStateAsync("shop.example", "drifted", Patience);
        row.Message.Should().Contain("revert held until the change window opens");
        await rig.WaitTicksAsync(3, Patience);
        rig.Zone("shop.example").Should().Contain("198.51.100.66", "the revert waits for the window");

        // Someone puts it back by hand: the next drift check (not the window's opening, hours away) sees it clear.
        await rig.EditLiveAsync("shop.example", "198.51.100.66", "192.0.2.10");
        await rig.Eventually(() => rig.RemoteSubjects().Any(s => s.StartsWith("drift(shop.example): cleared", StringComparison.Ordinal)), Patience, "the cleared drift is committed");
        await rig.WaitInSyncAsync("shop.example", Patience);
    }

    [Fact]
    public async Task A_staged_MX_cutover_waits_out_the_old_TTL_and_is_finished_by_a_later_pass()
    {
        // A domain moving its mail in: live MX (from the old provider) has a TTL of 10 s. Manifests cannot ask for
        // TTLs that short, but live zones can have them, which keeps the staged wait to seconds.
        await using var rig = new DaemonRig();
        Directory.CreateDirectory(rig.Zones);
        await File.WriteAllTextAsync(rig.ZoneFile("mx.example"), """
            $ORIGIN mx.example.
            $TTL 300
            @   3600 IN SOA   ns1.host.example. hostmaster 2026120601 3600 600 1209600 300
            @   3600 IN NS    ns1.host.example.
            @        IN A     192.0.2.10
            @     10 IN MX    10 mx1.old-provider.example.
            www      IN CNAME @

            """);
        rig.Write("reconciler.yaml", rig.Config.TrimEnd() + "\nsafety: { cutoverTtl: 1 }\n");
        rig.Write("domains/mx.example.yaml", """
            domain: mx.example
            mail:
              provider: none
              mx: [{ host: mx1.host.example }]
            dns:
              ttl: 300
              records:
                - { name: "@", type: A, value: 192.0.2.10 }
                - { name: www, type: CNAME, value: "@" }
            """);
        rig.CommitAndPush("mx.example: take over DNS and move mail to mx1.host.example");
        rig.Start();

        var waiting = await rig.WaitStateAsync("mx.example", "waiting-cutover", Patience);
        waiting.Message.Should().Contain("1 step(s) applied; the rest not before");
        waiting.NextAction.Should().StartWith("resume the staged cutover");
        rig.Zone("mx.example").Should().MatchRegex(@"@\s+1\s+IN MX\s+10 mx1\.old-provider\.example\.", "the TTL is lowered first")
            .And.NotContain("mx1.host.example", "the switch waits for the old TTL");

        await rig.Eventually(() => rig.Zone("mx.example").Contains("mx1.host.example", StringComparison.Ordinal), Patience, "the switch is made after the wait");
        await rig.WaitInSyncAsync("mx.example", Patience);
        rig.Zone("mx.example").Should().NotContain("old-provider");
        var steps = DaemonJournal.Steps(rig).Where(s => s.Domain == "mx.example" && s.State == "succeeded").ToList();
        var lowered = steps.Should().ContainSingle(s => s.Purpose == "ttl-lowering").Which;
        var switched = steps.Where(s => s.Resource == lowered.Resource && s.Purpose is null).Should().ContainSingle().Which;
        switched.ApplyId.Should().BeGreaterThan(lowered.ApplyId, "the switch is made by a later pass, not by the pass that lowered the TTL");
        (switched.StartedAt! - lowered.EndedAt!).Value.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(10), "not before the old TTL of 10 s expired");
    }

    private static string Manifest(string domain, string address, string policy = "") =>
        DaemonEndToEndTests.Shop(address, policy).Replace("shop.example", domain, StringComparison.Ordinal);

    /// <summary>A changeWindow flow map open every day from now+<paramref name="from"/> to now+<paramref name="to"/> on the zone's wall clock.</summary>
    private static string Window(DateTimeOffset now, string timeZone, TimeSpan from, TimeSpan to)
    {
        var local = TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(timeZone));
        var hours = (local + from).ToString("HH:mm", CultureInfo.InvariantCulture) + "-" + (local + to).ToString("HH:mm", CultureInfo.InvariantCulture);
        return $"{{ days: {EveryDay}, hours: \"{hours}\", timeZone: {timeZone} }}";
    }
}

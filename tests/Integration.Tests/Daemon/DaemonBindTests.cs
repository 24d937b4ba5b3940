using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Reconciler.Dns;
using Reconciler.Dns.Records;
using Reconciler.Dns.ZoneFiles;
using Reconciler.Integration.Tests.Dns.Servers;
using Reconciler.Tests.Common;
using Reconciler.Tests.Shared;

namespace Reconciler.Integration.Tests.Daemon;

/// <summary>
/// `reconciler serve` end to end against a real BIND through the rfc2136 provider: the built binary as its own
/// process, a bare repository as the remote, a person's clone pushing to it, and a BIND started for each test whose
/// zone for the domain exists from the start (RFC 2136 cannot create zones). Live state is read with Reconciler's
/// own DNS client and dig; hand edits are made with nsupdate and the TSIG key file the daemon uses too.
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class DaemonBindTests : IAsyncLifetime
{
    private const string Domain = "shop.example";
    private static readonly DnsName Zone = DnsName.Parse(Domain + ".");
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private BindServer _bind = null!;

    public static string Shop(string address = "192.0.2.10", string policy = "", string domain = Domain) => $"""
        domain: {domain}
        mail:
          provider: none
          mx: [{"{"} host: mx1.host.example {"}"}]
        dns:
          records:
            - {"{"} name: "@", type: A, value: {address} {"}"}   # the web server
            - {"{"} name: www, type: CNAME, value: "@" {"}"}
        {policy}
        """;

    public async Task InitializeAsync()
    {
        ExternalTool.IsInstalled("named").Should().BeTrue("BIND (Debian bind9) is the live side here");
        ExternalTool.IsInstalled("nsupdate").Should().BeTrue("nsupdate (Debian bind9-dnsutils) makes the hand edits");
        _bind = await BindServer.StartAsync(zoneCount: 0, emptyZoneCount: 0, new Dictionary<DnsName, string> { [Zone] = DnsTestServer.EmptyZone(Zone) });
        await _bind.WaitServedAsync([Zone]);
    }

    public async Task DisposeAsync() => await _bind.DisposeAsync();

    [Fact]
    public async Task A_pushed_change_is_served_by_bind_within_two_ticks()
    {
        await using var rig = new DaemonRig(live: new BindLive(_bind));
        rig.Write($"domains/{Domain}.yaml", Shop());
        rig.CommitAndPush($"{Domain}: onboard");
        rig.Start();
        await rig.Eventually(async () => await ServedAsync() == "192.0.2.10", Patience, "BIND serves the first manifest");
        await rig.WaitInSyncAsync(Domain, Patience);
        var serial = await _bind.SerialAsync(Zone);

        using var http = new HttpClient();
        var ticksBefore = await TicksAsync(http, rig);
        rig.Write($"domains/{Domain}.yaml", Shop("192.0.2.11"));
        rig.CommitAndPush($"{Domain}: move the web server");
        await rig.Eventually(async () => await ServedAsync() == "192.0.2.11", Patience, "BIND serves the pushed change");
        var ticksAfter = await TicksAsync(http, rig);
        (ticksAfter - ticksBefore).Should().BeLessThanOrEqualTo(2, "a pass that fetched before the push ends, the next one applies it");

        await rig.WaitInSyncAsync(Domain, Patience);
        var live = await rig.LiveZoneAsync(Domain);
        live.Should().MatchRegex(@"(?m)^www\.shop\.example\.\s+\d+\s+IN\s+CNAME\s+shop\.example\.$")
            .And.MatchRegex(@"(?m)^shop\.example\.\s+\d+\s+IN\s+MX\s+\d+ mx1\.host\.example\.$")
            .And.NotContain("192.0.2.10");
        SoaSerial.IsNewer(await _bind.SerialAsync(Zone), serial).Should().BeTrue("BIND moves the serial on each UPDATE");
        (await rig.StopAsync()).Should().Be(0, "SIGTERM is a clean stop\n" + rig.Log);
    }

    [Fact]
    public async Task An_nsupdate_by_hand_is_reported_in_Git_and_onDrift_revert_restores_it_on_bind()
    {
        await using var rig = new DaemonRig(live: new BindLive(_bind));
        rig.Write($"domains/{Domain}.yaml", Shop());
        rig.CommitAndPush($"{Domain}: onboard");
        rig.Start();
        await rig.Eventually(async () => await ServedAsync() == "192.0.2.10", Patience, "BIND serves the manifest");
        await rig.WaitInSyncAsync(Domain, Patience);

        await rig.EditLiveAsync(Domain, "192.0.2.10", "198.51.100.66");
        (await ServedAsync()).Should().Be("198.51.100.66", "nsupdate changed BIND");
        await rig.Eventually(() => rig.RemoteSubjects().Contains($"drift({Domain}): A changed outside Git"), Patience, "a drift commit reaches the remote");
        var report = rig.RemoteFile($"drift/{Domain}.md")!;
        report.Should().Contain($"# Drift: {Domain}").And.Contain("198.51.100.66").And.Contain("192.0.2.10");

        // Several more passes see the same drift: it is not committed again, and onDrift: report changes nothing live.
        using var http = new HttpClient();
        var ticks = await TicksAsync(http, rig);
        await rig.Eventually(async () => await TicksAsync(http, rig) >= ticks + 3, Patience, "three more passes");
        rig.RemoteSubjects().Count(s => s.StartsWith($"drift({Domain})", StringComparison.Ordinal)).Should().Be(1, "an unchanged drift is not committed again");
        (await ServedAsync()).Should().Be("198.51.100.66", "onDrift: report changes nothing live");

        rig.Write($"domains/{Domain}.yaml", Shop(policy: "policy: { onDrift: revert }"));
        rig.CommitAndPush($"{Domain}: put hand edits back");
        await rig.Eventually(async () => await ServedAsync() == "192.0.2.10", Patience, "the revert restores Git's value on BIND");
        await rig.Eventually(() => rig.RemoteFile($"drift/{Domain}.md") is null, Patience, "the report is removed in a commit");
        rig.RemoteSubjects().Should().Contain(s => s.StartsWith($"drift({Domain}): cleared", StringComparison.Ordinal));
        rig.Log.Should().Contain($"{Domain}: revert of", "the policy change alone changes nothing the manifest asks for; the drift pass reverts");

        // With the policy in force, the next hand edit is reported and put back without anyone pushing.
        await rig.WaitInSyncAsync(Domain, Patience);
        var drifts = rig.RemoteSubjects().Count(s => s == $"drift({Domain}): A changed outside Git");
        await rig.EditLiveAsync(Domain, "192.0.2.10", "198.51.100.77");
        await rig.Eventually(() => rig.RemoteSubjects().Count(s => s == $"drift({Domain}): A changed outside Git") > drifts, Patience, "the second drift is committed");
        await rig.Eventually(async () => await ServedAsync() == "192.0.2.10", Patience, "the second hand edit is reverted on BIND");
        (await rig.LiveZoneAsync(Domain)).Should().NotContain("198.51.100.");
    }

    [Fact]
    public async Task A_git_revert_takes_bind_back_to_the_earlier_state()
    {
        await using var rig = new DaemonRig(live: new BindLive(_bind));
        rig.Write($"domains/{Domain}.yaml", Shop());
        rig.CommitAndPush($"{Domain}: onboard");
        rig.Start();
        await rig.Eventually(async () => await ServedAsync() == "192.0.2.10", Patience, "v1 is served");
        await rig.WaitInSyncAsync(Domain, Patience);
        var v1 = await rig.LiveZoneAsync(Domain);

        rig.Write($"domains/{Domain}.yaml", Shop("192.0.2.11"));
        var second = rig.CommitAndPush($"{Domain}: move the web server");
        await rig.Eventually(async () => await ServedAsync() == "192.0.2.11", Patience, "v2 is served");
        await rig.WaitInSyncAsync(Domain, Patience);
        Records(await rig.LiveZoneAsync(Domain)).Should().NotEqual(Records(v1));

        DaemonRig.Git(rig.Person, "pull", "-q", "--rebase", "origin", "main");
        DaemonRig.Git(rig.Person, "revert", "--no-edit", second);
        rig.PushWithRebase();
        await rig.Eventually(async () => await ServedAsync() == "192.0.2.10", Patience, "the revert is served");
        await rig.WaitInSyncAsync(Domain, Patience);
        Records(await rig.LiveZoneAsync(Domain)).Should().Equal(Records(v1), "BIND is back where it was before the reverted commit (bar the serial)");
    }

    [Fact]
    public async Task A_domain_without_a_zone_on_bind_fails_saying_what_to_do_and_the_others_are_applied()
    {
        const string Missing = "new.example";
        await using var rig = new DaemonRig(live: new BindLive(_bind));
        rig.Write($"domains/{Domain}.yaml", Shop());
        rig.Write($"domains/{Missing}.yaml", Shop(domain: Missing));
        rig.CommitAndPush("onboard two shops");
        rig.Start();
        await rig.Eventually(async () => await ServedAsync() == "192.0.2.10", Patience, $"BIND serves {Domain}");
        await rig.WaitInSyncAsync(Domain, Patience);

        using var http = new HttpClient();
        string? message = null;
        await rig.Eventually(async () =>
        {
            using var doc = JsonDocument.Parse(await http.GetStringAsync(new Uri(rig.Base, "api/domains")));
            var d = doc.RootElement.GetProperty("domains").EnumerateArray().Single(e => e.GetProperty("domain").GetString() == Missing);
            message = d.GetProperty("message").GetString();
            return d.GetProperty("state").GetString() == "failing";
        }, Patience, $"{Missing} fails");
        message.Should().Contain($"zone {Missing}. does not exist").And.Contain("cannot create zones").And.Contain("create it on the server");
        (await rig.LiveZoneAsync(Domain)).Should().Contain("192.0.2.10");
    }

    /// <summary>The apex A record(s) BIND serves, asked with Reconciler's own DNS client (unsigned, as any resolver).</summary>
    private async Task<string> ServedAsync()
    {
        var answer = await _bind.Client().QueryAsync(Zone, RecordType.A);
        return string.Join(",", answer.Answers.Select(a => a.Data).OfType<AData>().Select(a => a.Address.ToString()).Order(StringComparer.Ordinal));
    }

    /// <summary>A zone's record lines without the SOA, whose serial moves on every change.</summary>
    private static List<string> Records(string zone) =>
        zone.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !Regex.IsMatch(l, @"\sIN\s+SOA\s")).Order(StringComparer.Ordinal).ToList();

    private static async Task<long> TicksAsync(HttpClient http, DaemonRig rig)
    {
        var text = await http.GetStringAsync(new Uri(rig.Base, "metrics"));
        var line = text.Split('\n').First(l => l.StartsWith("reconciler_reconcile_duration_seconds_count", StringComparison.Ordinal));
        return long.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture);
    }
}

using System.Text.Json;

using Reconciler.Tests.Shared;

namespace Reconciler.Tests.Daemon;

/// <summary>onDrift: adopt and approvals of held-back plans, through the built binary.</summary>
[Collection(DaemonCollection.Name)]
public sealed class DaemonPolicyTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task Adopt_proposes_the_live_value_on_a_branch_editing_only_that_line()
    {
        await using var rig = new DaemonRig();
        var manifest = DaemonEndToEndTests.Shop(policy: "policy: { onDrift: adopt }");
        rig.Write("domains/shop.example.yaml", manifest);
        rig.CommitAndPush("shop.example: onboard");
        rig.Start();
        await rig.Eventually(() => rig.Zone("shop.example").Contains("192.0.2.10", StringComparison.Ordinal), Patience, "the manifest is applied");
        await rig.WaitInSyncAsync("shop.example", Patience);

        File.WriteAllText(rig.ZoneFile("shop.example"), rig.Zone("shop.example").Replace("192.0.2.10", "198.51.100.66", StringComparison.Ordinal));
        await rig.Eventually(() => DaemonRig.TryGit(rig.Remote, "rev-parse", "--verify", "refs/heads/drift/shop.example").ExitCode == 0, Patience, "the adopt branch is pushed");
        var proposed = DaemonRig.Git(rig.Remote, "show", "drift/shop.example:domains/shop.example.yaml");
        var before = manifest.Split('\n');
        var after = proposed.Split('\n');
        after.Length.Should().Be(before.Length);
        before.Zip(after).Where(p => p.First != p.Second).Should().ContainSingle()
            .Which.Second.Should().Be("    - { name: \"@\", type: A, value: 198.51.100.66 }   # the web server");
        DaemonRig.Git(rig.Remote, "log", "-1", "--format=%s", "drift/shop.example").Trim().Should().Be("adopt(shop.example): take A @ from live");
        rig.RemoteFile("drift/shop.example.md").Should().Contain("drift/shop.example");
        rig.Zone("shop.example").Should().Contain("198.51.100.66", "adopt changes nothing live");

        // Someone puts the live value back by hand: the drift, its report and the proposal go away.
        File.WriteAllText(rig.ZoneFile("shop.example"), rig.Zone("shop.example").Replace("198.51.100.66", "192.0.2.10", StringComparison.Ordinal));
        await rig.Eventually(() => DaemonRig.TryGit(rig.Remote, "rev-parse", "--verify", "refs/heads/drift/shop.example").ExitCode != 0, Patience, "the adopt branch is deleted");
        rig.RemoteFile("drift/shop.example.md").Should().BeNull();
    }

    [Fact]
    public async Task A_mass_change_waits_for_an_approval_of_that_exact_plan_recorded_in_the_repository()
    {
        await using var rig = new DaemonRig();
        const string Zone = """
            domain: shop.example
            mail: { provider: none }
            dns:
              records:
                - { name: a, type: A, value: 192.0.2.1 }
                - { name: b, type: A, value: 192.0.2.2 }
                - { name: c, type: A, value: 192.0.2.3 }
                - { name: d, type: A, value: 192.0.2.4 }
            """;
        rig.Write("domains/shop.example.yaml", Zone);
        rig.CommitAndPush("shop.example: onboard");
        rig.Start();
        await rig.Eventually(() => rig.Zone("shop.example").Contains("192.0.2.4", StringComparison.Ordinal), Patience, "the manifest is applied");

        rig.Write("domains/shop.example.yaml", Zone.Replace("192.0.2.", "198.51.100.", StringComparison.Ordinal));
        rig.CommitAndPush("shop.example: renumber everything");
        using var http = new HttpClient();
        string? fingerprint = null;
        await rig.Eventually(async () =>
        {
            using var doc = JsonDocument.Parse(await http.GetStringAsync(new Uri(rig.Base, "api/domains")));
            var d = doc.RootElement.GetProperty("domains")[0];
            if (d.GetProperty("state").GetString() != "waiting-approval")
            {
                return false;
            }

            fingerprint = d.GetProperty("message").GetString()!.Split("fingerprint: ")[1].Trim();
            return true;
        }, Patience, "the plan waits for approval");
        rig.Zone("shop.example").Should().NotContain("198.51.100.", "nothing is applied before the approval");

        rig.Write("approvals/shop.example.yaml", "fingerprint: 0000000000000000\napprovedBy: mallory@agency.example\n");
        rig.CommitAndPush("approve some other plan");
        await Task.Delay(TimeSpan.FromSeconds(3));
        rig.Zone("shop.example").Should().NotContain("198.51.100.", "an approval of another plan approves nothing");

        rig.Write("approvals/shop.example.yaml", $"fingerprint: {fingerprint}\napprovedBy: alice@agency.example\n");
        rig.CommitAndPush("approve the renumbering");
        await rig.Eventually(() => rig.Zone("shop.example").Contains("198.51.100.4", StringComparison.Ordinal), Patience, "the approved plan is applied");
        rig.Log.Should().Contain("approved by alice@agency.example");
    }
}

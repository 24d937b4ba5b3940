using Reconciler.Tests.Shared;

namespace Reconciler.Tests.Daemon;

/// <summary>
/// The daemon's <c>onDrift: revert</c> restores hand-edited MX, SPF and DMARC in one pass (no TTL lowering, no
/// wait), while an MX change pushed to Git is still a staged cutover.
/// </summary>
[Collection(DaemonCollection.Name)]
public sealed class DaemonRestoreTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    private static string Shop(string mx = "mx1.host.example") => $$"""
        domain: shop.example
        policy: { onDrift: revert }
        mail:
          provider: none
          mx: [{ host: {{mx}} }]
          spf: { mx: true, all: fail }
          dmarc: { p: none }
        dns:
          records:
            - { name: "@", type: A, value: 192.0.2.10 }
            - { name: www, type: CNAME, value: "@" }
        """;

    [Fact]
    public async Task Revert_restores_hand_edited_mx_spf_and_dmarc_in_one_pass_and_a_pushed_mx_change_still_stages()
    {
        await using var rig = new DaemonRig();
        rig.Write("domains/shop.example.yaml", Shop());
        rig.CommitAndPush("shop.example: onboard");
        rig.Start();
        await rig.WaitInSyncAsync("shop.example", Patience);
        var good = rig.Zone("shop.example");
        good.Should().Contain("10 mx1.host.example.").And.Contain("v=spf1 mx -all").And.Contain("v=DMARC1; p=none");
        var appliesBefore = DaemonJournal.Applies(rig).Count;

        File.WriteAllText(rig.ZoneFile("shop.example"), good
            .Replace("10 mx1.host.example.", "10 mx.broken.example.", StringComparison.Ordinal)
            .Replace("v=spf1 mx -all", "v=spf1 +all", StringComparison.Ordinal)
            .Replace("v=DMARC1; p=none", "v=DMARC1; p=reject", StringComparison.Ordinal));

        await rig.Eventually(() => rig.Zone("shop.example").Contains("10 mx1.host.example.", StringComparison.Ordinal), Patience, "the revert restores the MX");
        await rig.WaitInSyncAsync("shop.example", Patience);
        var zone = rig.Zone("shop.example");
        zone.Should().Contain("v=spf1 mx -all").And.Contain("v=DMARC1; p=none").And.NotContain("broken").And.NotContain("+all");
        zone.Should().NotMatchRegex(@"\s300\s+IN\s+MX", "nothing lowered a TTL");

        var applies = DaemonJournal.Applies(rig).Skip(appliesBefore).ToList();
        applies.Should().ContainSingle("one pass restored all three").Which.Result.Should().Be("succeeded");
        var steps = DaemonJournal.Steps(rig).Where(s => s.ApplyId == applies[0].Id).ToList();
        steps.Select(s => s.Resource).Should().BeEquivalentTo("TXT @", "MX @", "TXT _dmarc");
        steps.Should().AllSatisfy(s =>
        {
            s.State.Should().Be("succeeded");
            s.Purpose.Should().Be("restore");
        });
        await rig.Eventually(() => rig.RemoteSubjects().Any(s => s.StartsWith("drift(shop.example): cleared", StringComparison.Ordinal)), Patience, "the drift is recorded as cleared");
        rig.RemoteSubjects().Should().Contain(s => s.StartsWith("drift(shop.example):", StringComparison.Ordinal) && !s.Contains("cleared", StringComparison.Ordinal), "the drift was reported before it was reverted");

        // The manifest moving the MX is a cutover: the TTL is lowered and the switch waits out the old one.
        rig.Write("domains/shop.example.yaml", Shop("mx2.host.example"));
        rig.CommitAndPush("shop.example: move mail to mx2");
        var waiting = await rig.WaitStateAsync("shop.example", "waiting-cutover", Patience);
        waiting.Message.Should().Contain("the rest not before");
        rig.Zone("shop.example").Should().MatchRegex(@"@\s+300\s+IN\s+MX\s+10 mx1\.host\.example\.").And.NotContain("mx2.host.example");
        DaemonJournal.Steps(rig).Should().Contain(s => s.Purpose == "ttl-lowering" && s.State == "succeeded");
    }
}

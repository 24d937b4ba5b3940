using Reconciler.Dns;
using Reconciler.Planning;
using Reconciler.Providers;
using static Reconciler.Tests.Planning.PlanningFixture;

namespace Reconciler.Tests.Planning;

/// <summary>
/// Restore versus cutover: live that left the last-known-good is put back at once (never staged), and only the
/// manifest moving the MX stages a cutover.
/// </summary>
public sealed class RestoreTests
{
    private const string Yaml = """
        domain: d.example
        mail:
          provider: none
          mx: [{ host: mx1.host.example }]
          spf: { mx: true, all: fail }
          dmarc: { p: none }
        """;

    private const string Good = """
        @      3600 MX 10 mx1.host.example.
        @      3600 TXT "v=spf1 mx -all"
        _dmarc 3600 TXT "v=DMARC1; p=none"
        """;

    private static readonly DateTimeOffset Applied = Now.AddDays(-3);

    private static KnownGood Known(string records, string? everything = null)
    {
        var sets = Zone(records).RecordSets.Where(s => s.Type != RecordType.SOA && s.Type != RecordType.NS).ToDictionary(s => (s.Name, s.Type));
        return new KnownGood(new Lazy<IReadOnlyDictionary<(DnsName, RecordType), RecordSet>>(sets), Applied, everything);
    }

    private static PlanningContext With(KnownGood known, IReadOnlyList<CutoverWait>? cutovers = null) => Context(cutovers: cutovers) with { KnownGood = known };

    [Fact]
    public void A_hand_edited_mx_spf_and_dmarc_are_restored_at_once_and_say_restore()
    {
        var broken = Good.Replace("mx1.host", "mx.broken", StringComparison.Ordinal).Replace("mx -all", "+all", StringComparison.Ordinal).Replace("p=none", "p=reject", StringComparison.Ordinal);
        var plan = Diff(Yaml, Zone(broken), context: With(Known(Good)));

        plan.Steps.Select(s => s.ResourceId).Should().Equal("TXT @", "MX @", "TXT _dmarc");
        plan.Steps.Should().AllSatisfy(s =>
        {
            s.Action.Should().Be(StepAction.Update);
            s.Purpose.Should().Be(PlanStep.Restore);
            s.Reason.Should().StartWith("restore: live differs from the last-known-good of 2026-11-19 12:00 UTC");
            s.NotBefore.Should().BeNull("a restore is never staged");
            s.WaitAfterPrevious.Should().BeNull();
        });
        ((RecordSetResource)plan.Steps[1].After!).Set.Ttl.Should().Be(3600, "the MX goes straight back, no TTL lowering");
    }

    [Fact]
    public void Restoring_most_of_a_zone_is_not_a_mass_change_but_the_same_edit_from_the_manifest_is()
    {
        var broken = Good.Replace("mx1.host", "mx.broken", StringComparison.Ordinal).Replace("mx -all", "+all", StringComparison.Ordinal).Replace("p=none", "p=reject", StringComparison.Ordinal);
        Diff(Yaml, Zone(broken), context: With(Known(Good))).IsBlocked.Should().BeFalse("putting back what Reconciler applied undoes a mass edit");
        Diff(Yaml, Zone(broken), context: With(KnownGood.None)).IsBlocked.Should().BeTrue("without a last-known-good it is a mass change like any other");
    }

    [Fact]
    public void A_manifest_driven_mx_change_still_stages_the_cutover()
    {
        var plan = Diff(Yaml.Replace("mx1.host", "mx2.host", StringComparison.Ordinal), Zone(Good), context: With(Known(Good)));

        plan.Steps.Should().HaveCount(2);
        plan.Steps[0].Purpose.Should().Be(PlanStep.TtlLowering);
        plan.Steps[1].NotBefore.Should().Be(Now.AddSeconds(3600));
        plan.Steps.Should().NotContain(s => s.Reason.StartsWith(KnownGood.RestorePrefix, StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_last_known_good_a_difference_is_a_cutover_as_before()
    {
        var plan = Diff(Yaml, Zone(Good.Replace("mx1.host", "mx-old.host", StringComparison.Ordinal)), context: With(KnownGood.None));
        plan.Steps.Where(s => s.ResourceId == "MX @").Should().HaveCount(2).And.Contain(s => s.Purpose == PlanStep.TtlLowering);
    }

    [Fact]
    public void A_staged_cutover_in_progress_keeps_waiting_when_live_holds_the_lowered_known_value()
    {
        // The TTL lowering succeeded (journal: old MX at 300 s); the manifest's new MX waits out the old TTL.
        var lowered = Good.Replace("@      3600 MX", "@      300 MX", StringComparison.Ordinal);
        var wait = new CutoverWait("d.example", DnsName.Parse("d.example."), RecordType.MX, Now.AddMinutes(-10), 3600);
        var yaml = Yaml.Replace("mx1.host", "mx2.host", StringComparison.Ordinal);

        Diff(yaml, Zone(lowered), context: With(Known(lowered), [wait])).Steps.Single().NotBefore.Should().Be(Now.AddMinutes(50));

        // Killed after the provider lowered the TTL but before the journal heard of it: the known value still has the
        // old TTL, the data is the same, so it is still the cutover's wait, not a restore.
        Diff(yaml, Zone(lowered), context: With(Known(Good), [wait])).Steps.Single().NotBefore.Should().Be(Now.AddMinutes(50));
    }

    [Fact]
    public void A_hand_edit_during_a_staged_cutover_is_restored_to_the_manifest_at_once()
    {
        var lowered = Good.Replace("@      3600 MX", "@      300 MX", StringComparison.Ordinal);
        var wait = new CutoverWait("d.example", DnsName.Parse("d.example."), RecordType.MX, Now.AddMinutes(-10), 3600);
        var edited = lowered.Replace("mx1.host", "mx.broken", StringComparison.Ordinal);

        var step = Diff(Yaml.Replace("mx1.host", "mx2.host", StringComparison.Ordinal), Zone(edited), context: With(Known(lowered), [wait])).Steps.Single();
        step.NotBefore.Should().BeNull();
        step.Reason.Should().StartWith("restore: live differs from the last-known-good").And.Contain("mail.mx is put in place at once");
        ((RecordSetResource)step.After!).Set.Records.Single().ToPresentation().Should().Be("10 mx2.host.example.");
    }

    [Fact]
    public void A_deleted_dmarc_record_is_recreated_as_a_restore()
    {
        var step = Diff(Yaml, Zone(Good.Replace("_dmarc 3600 TXT \"v=DMARC1; p=none\"", "", StringComparison.Ordinal)), context: With(Known(Good))).Steps.Single();
        step.Action.Should().Be(StepAction.Create);
        step.Purpose.Should().Be(PlanStep.Restore);
        step.Reason.Should().StartWith("restore: live lacks the last-known-good");
    }

    [Fact]
    public void When_the_manifest_is_unchanged_since_applied_every_difference_restores_even_unknown_sets()
    {
        var plan = Diff(Yaml, Zone(Good.Replace("mx1.host", "mx.broken", StringComparison.Ordinal)), context: With(KnownGood.None with { EverythingRestores = KnownGood.ManifestUnchanged }));
        var step = plan.Steps.Single();
        step.NotBefore.Should().BeNull();
        step.Reason.Should().Be("restore: live differs from mail.mx (the manifest has declared it since before the drift)");
    }

    [Fact]
    public void Overlay_puts_the_journals_values_in_place_of_the_manifests_and_keeps_the_rest()
    {
        var desired = Desired(Yaml.Replace("mx1.host", "mx2.host", StringComparison.Ordinal));
        var restored = Known(Good).Overlay(desired);

        var mx = restored.RecordSets.Single(s => s.Type == RecordType.MX);
        mx.Records.Single().ToPresentation().Should().Be("10 mx1.host.example.", "the last-known-good wins over an unapplied manifest change");
        restored.Origins[(mx.Name, mx.Type)].Should().Contain("last-known-good");
        restored.RecordSets.Should().HaveCount(desired.RecordSets.Count);
        Known("").Overlay(desired).RecordSets.Should().Equal(desired.RecordSets, "sets the journal does not know keep the manifest's value");
    }

    [Fact]
    public void The_plan_carries_the_desired_record_sets_for_the_journal()
    {
        var plan = Diff(Yaml, Zone(Good));
        plan.Steps.Should().BeEmpty();
        plan.DesiredRecordSets!.Select(s => s.ToPresentation()).Should().BeEquivalentTo(Zone(Good).RecordSets.Where(s => s.Type != RecordType.SOA && s.Type != RecordType.NS).Select(s => s.ToPresentation()));
    }
}

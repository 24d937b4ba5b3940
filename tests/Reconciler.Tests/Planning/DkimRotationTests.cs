using Reconciler.Planning;
using Reconciler.Schema;
using Reconciler.Schema.Model;
using Reconciler.Schema.Validation;
using Reconciler.Tests.Common;
using static Reconciler.Tests.Planning.PlanningFixture;

namespace Reconciler.Tests.Planning;

/// <summary>
/// Rotating a DKIM key: the new selector is published with the other records (phase 3); the old one, marked
/// `state: retiring` with `retiringSince`, stays until safety.retireDkimAfterDays days have passed and is then
/// deleted in phase 7 without --allow-destructive.
/// </summary>
public sealed class DkimRotationTests
{
    private const string OldKey = "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";
    private const string NewKey = "wuMtYPtvnNN/O9hJcYIISWFPTEg3oybw+LpsbvF21ek=";

    private static string Manifest(string oldSelector) => $$"""
        domain: d.example
        mail:
          provider: none
          dkim:
            - { selector: s2, type: ed25519, publicKey: "{{NewKey}}" }
            - {{oldSelector}}
        """;

    private static string Retiring(int daysAgo) =>
        $"{{ selector: s1, type: ed25519, publicKey: \"{OldKey}\", state: retiring, retiringSince: {DateOnly.FromDateTime(Now.UtcDateTime).AddDays(-daysAgo):yyyy-MM-dd} }}";

    private static readonly string LiveOld = $"s1._domainkey TXT \"v=DKIM1; k=ed25519; p={OldKey}\"\n";
    private static readonly string LiveBoth = LiveOld + $"s2._domainkey TXT \"v=DKIM1; k=ed25519; p={NewKey}\"\n";

    [Fact]
    public void The_new_selector_is_published_and_the_old_one_kept_while_it_retires()
    {
        var plan = Diff(Manifest(Retiring(daysAgo: 3)), Zone(LiveOld));
        var step = plan.Steps.Should().ContainSingle().Subject;
        step.Action.Should().Be(StepAction.Create);
        step.Phase.Should().Be(Phase.Publish);
        step.ResourceId.Should().Contain("s2._domainkey");
    }

    [Fact]
    public void Once_the_retire_days_have_passed_the_old_key_is_deleted_last_and_not_blocked()
    {
        var plan = Diff(Manifest(Retiring(daysAgo: 7)), Zone(LiveBoth));
        var step = plan.Steps.Should().ContainSingle().Subject;
        step.Action.Should().Be(StepAction.Delete);
        step.Phase.Should().Be(Phase.Delete);
        step.ResourceId.Should().Contain("s1._domainkey");
        step.Purpose.Should().Be(PlanStep.DkimRetirement);
        step.Blocked.Should().BeNull();
        step.Reason.Should().Be("DKIM selector 's1' retiring since 2026-11-15; its 7 days in DNS ended on 2026-11-22");
        plan.IsBlocked.Should().BeFalse();
    }

    [Fact]
    public void Publishing_and_retiring_in_one_plan_keep_their_phases()
    {
        var plan = Diff(Manifest(Retiring(daysAgo: 30)), Zone(LiveOld));
        plan.Steps.Select(s => (s.Action, s.Phase, s.ResourceId.Contains("s2", StringComparison.Ordinal)))
            .Should().Equal((StepAction.Create, Phase.Publish, true), (StepAction.Delete, Phase.Delete, false));
        plan.Steps.Should().OnlyContain(s => s.Blocked == null);
    }

    [Fact]
    public void The_retire_days_come_from_reconciler_yaml()
    {
        var slow = Context(SafetyLimits.Default with { RetireDkimAfterDays = 30 });
        Differ.Diff(Desired(Manifest(Retiring(daysAgo: 29))), new LiveDomain(Zone(LiveBoth), null), slow).Steps.Should().BeEmpty();
        Differ.Diff(Desired(Manifest(Retiring(daysAgo: 30))), new LiveDomain(Zone(LiveBoth), null), slow).Steps.Should().ContainSingle()
            .Which.Purpose.Should().Be(PlanStep.DkimRetirement);
    }

    [Fact]
    public void A_retired_key_already_gone_needs_no_step()
    {
        var live = Zone($"s2._domainkey TXT \"v=DKIM1; k=ed25519; p={NewKey}\"\n");
        Diff(Manifest(Retiring(daysAgo: 100)), live).Steps.Should().BeEmpty();
    }

    [Fact]
    public void Without_retiringSince_a_retiring_key_is_never_removed_and_validate_says_so()
    {
        var yaml = Manifest($"{{ selector: s1, type: ed25519, publicKey: \"{OldKey}\", state: retiring }}");
        Diff(yaml, Zone(LiveBoth)).Steps.Should().BeEmpty();

        var warnings = Load(yaml).Diagnostics.Where(d => !d.IsError).ToList();
        warnings.Should().ContainSingle(d => d.Code == "MAIL024").Which.Message.Should().Contain("'s1'");
    }

    [Fact]
    public void A_selector_dropped_from_the_manifest_is_still_blocked()
    {
        var yaml = $$"""
            domain: d.example
            mail:
              provider: none
              dkim: [{ selector: s2, type: ed25519, publicKey: "{{NewKey}}" }]
            """;
        var step = Diff(yaml, Zone(LiveBoth)).Steps.Should().ContainSingle().Subject;
        step.Blocked.Should().Contain("retiringSince");
        step.Purpose.Should().BeNull();
    }

    [Fact]
    public void RetiringSince_on_an_active_selector_is_a_schema_error()
    {
        var yaml = Manifest($"{{ selector: s1, type: ed25519, publicKey: \"{OldKey}\", retiringSince: 2026-01-01 }}");
        Load(yaml).Diagnostics.Should().Contain(d => d.IsError && d.Code.StartsWith("SCHEMA", StringComparison.Ordinal));
    }

    private static PortfolioLoadResult Load(string yaml)
    {
        using var p = TempPortfolio.Empty();
        p.Write("reconciler.yaml", Config);
        p.Write("domains/d.example.yaml", yaml);
        return new PortfolioLoader(ManifestSchema.LoadEmbedded()).LoadAsync(p.Path, CancellationToken.None).GetAwaiter().GetResult();
    }
}

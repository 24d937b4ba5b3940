using Reconciler.Applying;
using Reconciler.Dns;
using Reconciler.Planning;
using Reconciler.Providers;
using Reconciler.Tests.Common;
using static Reconciler.Tests.Planning.PlanningFixture;

namespace Reconciler.Tests.Applying;

/// <summary>What the journal keeps as a domain's last-known-good after an apply, complete or cut short.</summary>
public sealed class KnownGoodJournalTests
{
    private const string Yaml = """
        domain: d.example
        mail:
          provider: none
          mx: [{ host: mx2.host.example }]
          dmarc: { p: none }
        dns:
          records:
            - { name: www, type: A, value: 192.0.2.1 }
        """;

    private static readonly DateTimeOffset At = Now.AddHours(1);

    private static string Values(KnownGood known, string type, string name = "d.example.") =>
        string.Join(", ", known.RecordSets.Value[(DnsName.Parse(name), RecordType.Parse(type))].Records.Select(r => r.ToPresentation())) + $" ({known.RecordSets.Value[(DnsName.Parse(name), RecordType.Parse(type))].Ttl})";

    [Fact]
    public async Task A_domain_in_sync_or_applied_in_full_is_known_good_as_desired()
    {
        using var dir = TempPortfolio.Empty();
        await using var journal = await Journal.OpenAsync(Path.Combine(dir.Path, "journal.db"), CancellationToken.None);
        var inSync = Diff(Yaml, Zone("@ 3600 MX 10 mx2.host.example.\n_dmarc TXT \"v=DMARC1; p=none\"\nwww A 192.0.2.1\n"));
        inSync.Steps.Should().BeEmpty();

        await journal.RecordKnownGoodAsync(null, new Plan(Now, dir.Path, null, [inSync]), At, CancellationToken.None);

        var known = (await journal.KnownGoodAsync(CancellationToken.None))["d.example"];
        known.RecordedAt.Should().Be(At);
        known.RecordSets.Value.Should().HaveCount(3);
        Values(known, "MX").Should().Be("10 mx2.host.example. (3600)");
        Values(known, "TXT", "_dmarc.d.example.").Should().Be("\"v=DMARC1; p=none\" (3600)");
    }

    [Fact]
    public async Task A_cutover_cut_short_keeps_the_earlier_values_with_the_succeeded_steps_laid_over()
    {
        using var dir = TempPortfolio.Empty();
        await using var journal = await Journal.OpenAsync(Path.Combine(dir.Path, "journal.db"), CancellationToken.None);
        var before = Diff(Yaml.Replace("mx2.host", "mx1.host", StringComparison.Ordinal), Zone("@ 3600 MX 10 mx1.host.example.\n_dmarc TXT \"v=DMARC1; p=none\"\nwww A 192.0.2.1\n"));
        await journal.RecordKnownGoodAsync(null, new Plan(Now, dir.Path, null, [before]), Now, CancellationToken.None);

        // The manifest moves the MX and the A record: lower the TTL (succeeds), update A (succeeds), switch (waits).
        var plan = Diff(Yaml.Replace("192.0.2.1", "192.0.2.9", StringComparison.Ordinal), Zone("@ 3600 MX 10 mx1.host.example.\n_dmarc TXT \"v=DMARC1; p=none\"\nwww A 192.0.2.1\n"));
        plan.Steps.Select(s => s.ResourceId).Should().Equal("MX @", "A www", "MX @");
        var full = new Plan(Now, dir.Path, null, [plan]);
        var applyId = await journal.BeginApplyAsync(full, Now, CancellationToken.None);
        foreach (var step in plan.Steps.Take(2))
        {
            await journal.StepStartedAsync(applyId, step, Now, CancellationToken.None);
            await journal.StepEndedAsync(applyId, step.Domain, step.Index, StepState.Succeeded, null, Now, CancellationToken.None);
        }

        await journal.RecordKnownGoodAsync(applyId, full, At, CancellationToken.None);

        var known = (await journal.KnownGoodAsync(CancellationToken.None))["d.example"];
        Values(known, "MX").Should().Be("10 mx1.host.example. (300)", "the lowering took; the switch did not");
        Values(known, "A", "www.d.example.").Should().Be("192.0.2.9 (3600)");
        Values(known, "TXT", "_dmarc.d.example.").Should().Be("\"v=DMARC1; p=none\" (3600)", "untouched sets keep their earlier record");
    }

    [Fact]
    public async Task A_domain_whose_state_could_not_be_read_records_nothing()
    {
        using var dir = TempPortfolio.Empty();
        await using var journal = await Journal.OpenAsync(Path.Combine(dir.Path, "journal.db"), CancellationToken.None);
        var broken = new DomainPlan("d.example", "zones", null, "", [], "provider 'zones' could not read");
        await journal.RecordKnownGoodAsync(null, new Plan(Now, dir.Path, null, [broken]), At, CancellationToken.None);
        (await journal.KnownGoodAsync(CancellationToken.None)).Should().BeEmpty();
    }
}

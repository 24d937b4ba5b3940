using Reconciler.Tests.Shared;
using Reconciler.Tests.Common;

namespace Reconciler.Tests.Cli;

/// <summary>plan → apply → plan against the embedded zone-file provider, through the built binary.</summary>
public sealed class PlanApplyCliTests
{
    public const string Config = """
        providers:
          zones: { kind: zonefile, settings: { directory: state/zones, nameServers: [ns1.host.example.] } }
        defaults: { dnsProvider: zones }
        """;

    public const string Domain = """
        domain: shop.example
        mail:
          provider: none
          mx: [{ host: mx1.host.example }, { host: mx2.host.example, preference: 20 }]
          spf: { mx: true, include: [_spf.host.example], all: fail }
          dmarc: { p: none, rua: ["mailto:dmarc@shop.example"] }
        dns:
          records:
            - { name: "@", type: A, value: 192.0.2.10 }
            - { name: www, type: CNAME, value: "@" }
            - { name: "@", type: CAA, value: '0 issue "letsencrypt.org"' }
        """;

    public static TempPortfolio NewPortfolio()
    {
        var p = TempPortfolio.Empty();
        p.Write("reconciler.yaml", Config);
        p.Write("domains/shop.example.yaml", Domain);
        return p;
    }

    [Fact]
    public async Task Plan_apply_plan_converges_and_detects_a_hand_edit()
    {
        using var p = NewPortfolio();
        var first = await ReconcilerProcess.RunAsync(p.Path, "plan", "--detailed-exitcode");
        first.ExitCode.Should().Be(2, first.Output);
        first.StdOut.Should().Contain("Plan: 7 to add, 0 to change, 0 to delete across 1 domain");

        var apply = await ReconcilerProcess.RunAsync(p.Path, "apply", "--yes");
        apply.ExitCode.Should().Be(0, apply.Output);
        apply.StdOut.Should().Contain("7 step(s) applied and verified");

        var again = await ReconcilerProcess.RunAsync(p.Path, "plan", "--detailed-exitcode");
        again.ExitCode.Should().Be(0, again.Output);
        again.StdOut.Should().Contain("No changes");

        var zoneFile = Path.Combine(p.Path, "state", "zones", "shop.example.zone");
        var check = await ExternalTool.RunAsync("named-checkzone", ["shop.example", zoneFile]);
        check.ExitCode.Should().Be(0, check.Output);

        File.WriteAllText(zoneFile, File.ReadAllText(zoneFile).Replace("192.0.2.10", "198.51.100.66", StringComparison.Ordinal));
        var drift = await ReconcilerProcess.RunAsync(p.Path, "plan", "--detailed-exitcode", "--format", "json");
        drift.ExitCode.Should().Be(2, drift.Output);
        using var doc = System.Text.Json.JsonDocument.Parse(drift.StdOut);
        var steps = doc.RootElement.GetProperty("domains")[0].GetProperty("steps");
        steps.GetArrayLength().Should().Be(1);
        steps[0].GetProperty("resource").GetString().Should().Be("A @");
        steps[0].GetProperty("before").GetProperty("values")[0].GetString().Should().Be("198.51.100.66");

        (await ReconcilerProcess.RunAsync(p.Path, "apply", "--yes")).ExitCode.Should().Be(0);
        File.ReadAllText(zoneFile).Should().Contain("192.0.2.10");
    }

    [Fact]
    public async Task A_saved_plan_is_refused_when_live_state_moved()
    {
        using var p = NewPortfolio();
        (await ReconcilerProcess.RunAsync(p.Path, "apply", "--yes")).ExitCode.Should().Be(0);
        p.Write("domains/shop.example.yaml", Domain.Replace("192.0.2.10", "192.0.2.11", StringComparison.Ordinal));
        (await ReconcilerProcess.RunAsync(p.Path, "plan", "--out", "plan.json")).ExitCode.Should().Be(0);

        var zoneFile = Path.Combine(p.Path, "state", "zones", "shop.example.zone");
        File.WriteAllText(zoneFile, File.ReadAllText(zoneFile).Replace("letsencrypt.org", "other-ca.example", StringComparison.Ordinal));
        var before = File.ReadAllText(zoneFile);

        var r = await ReconcilerProcess.RunAsync(p.Path, "apply", "plan.json");
        r.ExitCode.Should().Be(1);
        r.StdErr.Should().Contain("live state changed since the plan was made").And.Contain("shop.example");
        File.ReadAllText(zoneFile).Should().Be(before, "nothing is changed");
    }

    [Fact]
    public async Task A_bad_manifest_never_reaches_the_live_system()
    {
        using var p = NewPortfolio();
        p.Write("domains/shop.example.yaml", Domain.Replace("type: A,", "type: A, ttl: 5,", StringComparison.Ordinal));
        var r = await ReconcilerProcess.RunAsync(p.Path, "apply", "--yes");
        r.ExitCode.Should().Be(1);
        r.StdErr.Should().Contain("DNS003");
        Directory.Exists(Path.Combine(p.Path, "state")).Should().BeFalse("no provider was even created");
    }

    [Fact]
    public async Task A_broken_zone_file_stops_every_change_of_its_provider()
    {
        using var p = NewPortfolio();
        p.Write("domains/other.example.yaml", "domain: other.example\nmail: { provider: none }\ndns:\n  records:\n    - { name: www, type: A, value: 192.0.2.1 }\n");
        (await ReconcilerProcess.RunAsync(p.Path, "apply", "--yes")).ExitCode.Should().Be(0);
        p.Write("state/zones/shop.example.zone", File.ReadAllText(Path.Combine(p.Path, "state/zones/shop.example.zone")) + "broken IN A 999.1.1.1\n");
        p.Write("domains/other.example.yaml", "domain: other.example\nmail: { provider: none }\ndns:\n  records:\n    - { name: www, type: A, value: 192.0.2.2 }\n");
        var otherBefore = File.ReadAllText(Path.Combine(p.Path, "state/zones/other.example.zone"));

        var r = await ReconcilerProcess.RunAsync(p.Path, "apply", "--yes");
        r.ExitCode.Should().Be(1);
        r.Output.Should().MatchRegex(@"shop\.example\.zone:\d+");
        File.ReadAllText(Path.Combine(p.Path, "state/zones/other.example.zone")).Should().Be(otherBefore, "other.example is served by the same provider");
    }

    [Fact]
    public async Task Markdown_output_fits_a_pull_request_comment()
    {
        using var p = NewPortfolio();
        var r = await ReconcilerProcess.RunAsync(p.Path, "plan", "--format", "markdown");
        r.ExitCode.Should().Be(0, r.Output);
        r.StdOut.Should().StartWith("### Reconciler plan").And.Contain("| # | action | resource |").And.Contain("`shop.example`");
    }
}

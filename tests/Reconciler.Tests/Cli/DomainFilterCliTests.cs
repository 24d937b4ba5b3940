using System.Text.Json;
using Reconciler.Tests.Shared;

namespace Reconciler.Tests.Cli;

/// <summary>`--domain` (repeatable) through the built binary: it limits plan and apply, and a name the portfolio does
/// not have is a usage error, never a quiet "no changes".</summary>
public sealed class DomainFilterCliTests
{
    private static Common.TempPortfolio ThreeDomains()
    {
        var p = PlanApplyCliTests.NewPortfolio();
        foreach (var d in new[] { "other.example", "third.example" })
        {
            p.Write($"domains/{d}.yaml", $"domain: {d}\nmail: {{ provider: none }}\ndns:\n  records:\n    - {{ name: www, type: A, value: 192.0.2.1 }}\n");
        }

        return p;
    }

    [Fact]
    public async Task Repeated_domain_options_limit_the_plan_to_those_domains()
    {
        using var p = ThreeDomains();
        var r = await ReconcilerProcess.RunAsync(p.Path, "plan", "--domain", "shop.example", "-d", "THIRD.example.", "--format", "json", "--detailed-exitcode");
        r.ExitCode.Should().Be(2, r.Output);
        using var doc = JsonDocument.Parse(r.StdOut);
        doc.RootElement.GetProperty("domains").EnumerateArray().Select(d => d.GetProperty("domain").GetString())
            .Should().BeEquivalentTo(["shop.example", "third.example"], "case and a trailing dot are forgiven; other.example is left out");

        var text = await ReconcilerProcess.RunAsync(p.Path, "plan", "-d", "other.example");
        text.StdOut.Should().Contain("across 1 domain").And.Contain("other.example").And.NotContain("shop.example");
    }

    [Fact]
    public async Task Apply_with_a_domain_changes_only_that_domain()
    {
        using var p = ThreeDomains();
        var r = await ReconcilerProcess.RunAsync(p.Path, "apply", "--yes", "--domain", "other.example");
        r.ExitCode.Should().Be(0, r.Output);
        Directory.GetFiles(Path.Combine(p.Path, "state", "zones")).Select(Path.GetFileName).Should().Equal("other.example.zone");
    }

    [Fact]
    public async Task An_unknown_domain_is_a_usage_error_that_names_it()
    {
        using var p = ThreeDomains();
        var plan = await ReconcilerProcess.RunAsync(p.Path, "plan", "--detailed-exitcode", "-d", "shop.example", "-d", "shop.exmaple");
        plan.ExitCode.Should().Be(1, "under --detailed-exitcode 2 means changes, so a usage error must not exit 2: " + plan.Output);
        plan.StdErr.Should().Contain("--domain shop.exmaple: not a domain of this portfolio").And.Contain("other.example");
        plan.StdOut.Should().BeEmpty("nothing is planned when the command line is wrong");

        var apply = await ReconcilerProcess.RunAsync(p.Path, "apply", "--yes", "-d", "nowhere.example");
        apply.ExitCode.Should().Be(2, apply.Output);
        apply.StdErr.Should().Contain("--domain nowhere.example: not a domain of this portfolio");
        Directory.Exists(Path.Combine(p.Path, "state")).Should().BeFalse("nothing was applied");
    }

    [Fact]
    public async Task A_plan_usage_error_never_exits_2_under_detailed_exitcode()
    {
        using var p = ThreeDomains();
        var r = await ReconcilerProcess.RunAsync(p.Path, "plan", "--detailed-exitcode", "--format", "yaml");
        r.ExitCode.Should().Be(1, r.Output);
        r.StdErr.Should().Contain("--format must be one of");
    }
}

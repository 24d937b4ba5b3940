using Reconciler.Tests.Shared;

namespace Reconciler.Tests.Cli;

public sealed class ImportCliTests
{
    [Fact]
    public async Task An_imported_manifest_plans_to_no_changes()
    {
        using var p = PlanApplyCliTests.NewPortfolio();
        (await ReconcilerProcess.RunAsync(p.Path, "apply", "--yes")).ExitCode.Should().Be(0);

        var r = await ReconcilerProcess.RunAsync(p.Path, "import", "--provider", "zones", "--domain", "shop.example");
        r.ExitCode.Should().Be(0, r.Output);
        r.StdOut.Should().Contain("domain: shop.example").And.Contain("type: CAA");

        p.Write("domains/shop.example.yaml", r.StdOut);
        var plan = await ReconcilerProcess.RunAsync(p.Path, "plan", "--detailed-exitcode");
        plan.ExitCode.Should().Be(0, plan.Output + "\n---\n" + r.StdOut);
    }

    [Fact]
    public async Task Importing_an_unknown_provider_says_which_exist()
    {
        using var p = PlanApplyCliTests.NewPortfolio();
        var r = await ReconcilerProcess.RunAsync(p.Path, "import", "--provider", "bind", "--domain", "shop.example");
        r.ExitCode.Should().Be(2);
        r.StdErr.Should().Contain("provider 'bind' is not declared").And.Contain("zones");
    }
}

using Reconciler.Tests.Common;
using Reconciler.Tests.Shared;

namespace Reconciler.Tests.Cli;

/// <summary>
/// `apply` without --yes asks first. A person at a terminal is simulated with util-linux `script`, which runs the binary
/// on a pseudo-terminal and types the test's answer into it; without a terminal the binary must refuse, whatever is
/// piped in, rather than apply silently.
/// </summary>
public sealed class ConfirmationCliTests
{
    private static Task<ExternalTool.Result> OnTerminalAsync(string workingDirectory, string typed)
    {
        ExternalTool.IsInstalled("script").Should().BeTrue("util-linux `script` provides the pseudo-terminal");
        var command = $"dotnet '{ReconcilerProcess.Dll}' apply";
        return ExternalTool.RunAsync("script", ["--quiet", "--return", "--command", command, "/dev/null"], workingDirectory,
            new Dictionary<string, string> { ["NO_COLOR"] = "1" }, stdin: typed, timeout: TimeSpan.FromMinutes(2));
    }

    private static async Task<Common.TempPortfolio> WithOneChangeAsync()
    {
        var p = PlanApplyCliTests.NewPortfolio();
        (await ReconcilerProcess.RunAsync(p.Path, "apply", "--yes")).ExitCode.Should().Be(0);
        p.Write("domains/shop.example.yaml", PlanApplyCliTests.Domain.Replace("192.0.2.10", "192.0.2.11", StringComparison.Ordinal));
        return p;
    }

    [Theory]
    [InlineData("no\n")]
    [InlineData("y\n")]
    [InlineData("\n")]
    public async Task Any_answer_but_yes_changes_nothing(string typed)
    {
        using var p = await WithOneChangeAsync();
        var zone = File.ReadAllBytes(Path.Combine(p.Path, "state", "zones", "shop.example.zone"));

        var r = await OnTerminalAsync(p.Path, typed);
        r.ExitCode.Should().Be(1, r.Output);
        r.Output.Should().Contain("Only 'yes' confirms").And.Contain("Nothing applied.");
        File.ReadAllBytes(Path.Combine(p.Path, "state", "zones", "shop.example.zone")).Should().Equal(zone);
    }

    [Fact]
    public async Task Yes_applies()
    {
        using var p = await WithOneChangeAsync();
        var r = await OnTerminalAsync(p.Path, "yes\n");
        r.ExitCode.Should().Be(0, r.Output);
        r.Output.Should().Contain("Only 'yes' confirms").And.Contain("1 step(s) applied and verified");
        File.ReadAllText(Path.Combine(p.Path, "state", "zones", "shop.example.zone")).Should().Contain("192.0.2.11");
    }

    [Theory]
    [InlineData("yes\n")]
    [InlineData("")]
    public async Task Without_a_terminal_it_refuses_even_a_piped_yes(string piped)
    {
        using var p = await WithOneChangeAsync();
        var zone = File.ReadAllBytes(Path.Combine(p.Path, "state", "zones", "shop.example.zone"));

        var r = await ExternalTool.RunAsync("dotnet", [ReconcilerProcess.Dll, "apply"], p.Path, new Dictionary<string, string> { ["NO_COLOR"] = "1" }, stdin: piped);
        r.ExitCode.Should().Be(1, r.Output);
        r.StdErr.Should().Contain("not a terminal; pass --yes").And.Contain("Nothing applied.");
        File.ReadAllBytes(Path.Combine(p.Path, "state", "zones", "shop.example.zone")).Should().Equal(zone);
    }
}

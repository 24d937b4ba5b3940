using Reconciler.Tests.Shared;
using Reconciler.Tests.Common;

namespace Reconciler.Tests.Cli;

public sealed class ValidateCliTests
{
    [Fact]
    public async Task The_example_portfolio_is_clean()
    {
        var r = await ReconcilerProcess.RunAsync(RepoPaths.Root, "validate", "examples/portfolio");
        r.ExitCode.Should().Be(0, r.Output);
        r.StdOut.Should().Contain("6 domains checked").And.Contain("0 errors");
    }

    [Fact]
    public async Task Errors_print_file_line_column_code_and_fix_and_exit_1()
    {
        using var p = TempPortfolio.CopyOf(RepoPaths.InRepo("examples", "portfolio"));
        var file = Path.Combine(p.Path, "domains", "contoso.test.yaml");
        File.WriteAllText(file, File.ReadAllText(file).Replace("      expires: 2027-03-31\n", "", StringComparison.Ordinal));

        var r = await ReconcilerProcess.RunAsync(p.Path, "validate");
        r.ExitCode.Should().Be(1, r.Output);
        r.StdOut.Should().MatchRegex(@"domains/contoso\.test\.yaml:\d+:7: error MAIL004: forward jane@contoso\.test → jane\.doe@personal-mail\.example leaves the portfolio and has no expiry");
        r.StdOut.Should().Contain("fix: add 'expires: YYYY-MM-DD'");
        r.StdOut.Should().Contain("1 error");
    }

    [Fact]
    public async Task Json_format_is_for_tools()
    {
        var r = await ReconcilerProcess.RunAsync(RepoPaths.Root, "validate", "examples/portfolio", "--format", "json");
        r.ExitCode.Should().Be(0, r.Output);
        using var doc = System.Text.Json.JsonDocument.Parse(r.StdOut);
        doc.RootElement.GetProperty("errors").GetInt32().Should().Be(0);
        doc.RootElement.GetProperty("domains").GetInt32().Should().Be(6);
    }

    [Fact]
    public async Task Usage_errors_exit_2()
    {
        var r = await ReconcilerProcess.RunAsync(RepoPaths.Root, "validate", "--format", "yaml");
        r.ExitCode.Should().Be(2);
        r.StdErr.Should().Contain("--format must be one of: text, json");
    }

    [Fact]
    public async Task Schema_prints_the_json_schema()
    {
        var r = await ReconcilerProcess.RunAsync(RepoPaths.Root, "schema");
        r.ExitCode.Should().Be(0);
        using var doc = System.Text.Json.JsonDocument.Parse(r.StdOut);
        doc.RootElement.GetProperty("$schema").GetString().Should().Be("https://json-schema.org/draft/2020-12/schema");
    }
}

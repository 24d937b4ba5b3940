using Reconciler.Schema.Model;
using Reconciler.Tests.Common;

namespace Reconciler.Schema.Tests.Validation;

public sealed class ExamplePortfolioTests
{
    private static async Task<PortfolioLoadResult> LoadExample() =>
        await new PortfolioLoader(Validation.ManifestSchemaFixture.Schema).LoadAsync(RepoPaths.InRepo("examples", "portfolio"), CancellationToken.None);

    [Fact]
    public async Task The_example_portfolio_is_valid()
    {
        var result = await LoadExample();
        result.Diagnostics.Where(d => d.IsError).Should().BeEmpty();
        result.Portfolio!.Domains.Should().HaveCountGreaterThanOrEqualTo(6);
    }

    [Fact]
    public async Task The_example_shows_each_situation_the_issue_names()
    {
        var domains = (await LoadExample()).Portfolio!.Domains;
        domains.Should().Contain(d => d.Mail.Parked, "a parked domain");
        domains.Should().Contain(d => d.Mail.CatchAll.DeliverTo != null, "a catch-all");
        domains.Should().Contain(d => d.Mail.Forwards.Any(f => f.External && f.Expires != null), "a contractor's external forward with expiry");
        domains.Should().Contain(d => d.Mail.Dmarc != null && d.Mail.Dmarc.P == DmarcDisposition.None && d.Mail.Dmarc.Rua.Count > 0, "p=none gathering reports");
        domains.Should().Contain(d => d.Mail.Mx.Count > 2, "mid-migration: old and new MX side by side");
        domains.Should().OnlyContain(d => d.Domain.EndsWith(".example") || d.Domain.EndsWith(".test") || d.Domain.EndsWith("example.com"));
    }

    [Fact]
    public async Task Every_example_file_declares_the_schema_for_editors()
    {
        var files = Directory.GetFiles(RepoPaths.InRepo("examples", "portfolio"), "*.yaml", SearchOption.AllDirectories)
            .Where(f => !f.Contains("state-seed", StringComparison.Ordinal) && !f.Contains(".state", StringComparison.Ordinal));
        foreach (var f in files)
        {
            (await File.ReadAllLinesAsync(f))[0].Should().StartWith("# yaml-language-server: $schema=", f);
        }
    }
}

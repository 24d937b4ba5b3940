using System.Text.RegularExpressions;
using Reconciler.Schema;
using Reconciler.Schema.Validation;
using Reconciler.Tests.Common;

namespace Reconciler.Schema.Tests.BrokenManifests;

/// <summary>
/// Each file under cases/ is a broken domain manifest whose first lines say which errors it must produce
/// (<c># expect: CODE line:col</c>, or <c>CODE file:line:col</c> for errors in another file). The case is loaded as
/// the only domain of a small portfolio, and the set of errors must be exactly the expected one.
/// </summary>
public sealed partial class BrokenManifestTests
{
    private static readonly string Folder = RepoPaths.InRepo("tests", "Schema.Tests", "BrokenManifests");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(Path.Combine(Folder, "cases"), "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(f));
        }

        return data;
    }

    [Fact]
    public void The_corpus_has_at_least_30_cases() => Cases().Count.Should().BeGreaterThanOrEqualTo(30);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Reports_exactly_the_expected_errors(string name)
    {
        var text = await File.ReadAllTextAsync(Path.Combine(Folder, "cases", name + ".yaml"));
        var expected = ExpectLine().Matches(text)
            .Select(m => (Code: m.Groups["code"].Value, File: m.Groups["file"].Success ? m.Groups["file"].Value : "domains/case.example.yaml", Line: int.Parse(m.Groups["line"].Value), Column: int.Parse(m.Groups["col"].Value)))
            .ToList();
        expected.Should().NotBeEmpty("each case declares what it expects");

        using var portfolio = TempPortfolio.CopyOf(Path.Combine(Folder, "portfolio"));
        await File.WriteAllTextAsync(Path.Combine(portfolio.Path, "domains", "case.example.yaml"), text);
        var result = await new PortfolioLoader(ManifestSchema.LoadEmbedded()).LoadAsync(portfolio.Path, CancellationToken.None);

        var errors = result.Diagnostics.Where(d => d.IsError).ToList();
        var actual = errors.Select(d => (d.Code, File: Relative(portfolio.Path, d.Position.File), d.Position.Line, d.Position.Column)).ToList();
        actual.Should().BeEquivalentTo(expected, because: "the loader reported:\n" + string.Join('\n', errors));
        errors.Should().OnlyContain(d => d.Message.Length > 10, "every error explains itself");
    }

    private static string Relative(string root, string file) =>
        Path.GetRelativePath(root, Path.GetFullPath(file)).Replace('\\', '/');

    [GeneratedRegex(@"^# expect: (?<code>[A-Z]+[0-9]+) (?:(?<file>[^\s:]+):)?(?<line>\d+):(?<col>\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex ExpectLine();
}

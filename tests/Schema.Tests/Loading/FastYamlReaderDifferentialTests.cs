using System.Text;
using Reconciler.Schema.Loading;
using Xunit.Abstractions;

namespace Reconciler.Schema.Tests.Loading;

/// <summary>
/// The fast reader against YamlDotNet: on real and generated manifests, and on thousands of mutated ones. Wherever the
/// fast reader answers, the tree (kinds, values, every line:col) must be the one YamlDotNet gives, with no
/// diagnostics; everywhere else it must decline.
/// </summary>
public sealed class FastYamlReaderDifferentialTests(ITestOutputHelper output)
{
    // Characters that change YAML structure, plus the ones the fast reader must refuse outright (tab, CR, NEL, BOM).
    private const string MutationCharacters = ":-'\"# \n\n&*|>{}[],!?%@~.0x\\\t\r\u0085\uFEFFé";

    [Fact]
    public void Repository_yaml_files_load_the_same_on_both_paths()
    {
        var files = YamlCorpus.RepositoryFiles().ToList();
        files.Should().HaveCountGreaterThan(40, "examples/ and the test fixtures hold dozens of YAML files");
        var handled = 0;
        foreach (var path in files)
        {
            var text = File.ReadAllText(path);
            if (Compare(text, path) is { } failure)
            {
                Assert.Fail(failure);
            }

            handled += FastYamlReader.TryRead(text, path) is null ? 0 : 1;
        }

        output.WriteLine($"{handled} of {files.Count} files read by the fast reader");
        handled.Should().BeGreaterThan(files.Count / 2, "most hand-written manifests are in the subset");
    }

    [Fact]
    public void Generated_portfolio_files_load_the_same_and_all_take_the_fast_path()
    {
        foreach (var (file, text) in YamlCorpus.GeneratedManifests(300).Concat(YamlCorpus.GeneratedPortfolioFiles()))
        {
            FastYamlReader.TryRead(text, file).Should().NotBeNull($"{file} is what the benchmark measures:\n{text}");
            if (Compare(text, file) is { } failure)
            {
                Assert.Fail(failure);
            }
        }
    }

    [Fact]
    public void Mutated_manifests_either_fall_back_or_load_exactly_as_yamldotnet_does()
    {
        var bases = YamlCorpus.GeneratedManifests(4)
            .Concat(YamlCorpus.GeneratedPortfolioFiles())
            .Select(x => x.Text)
            .Concat(YamlCorpus.RepositoryFiles().Where(f => new FileInfo(f).Length < 20_000).Select(File.ReadAllText))
            .ToList();
        var random = new Random(20261206);
        var failures = new List<string>();
        var handled = 0;
        const int cases = 6000;
        for (var n = 0; n < cases; n++)
        {
            var text = Mutate(bases[random.Next(bases.Count)], random);
            var file = $"case{n}.yaml";
            if (Compare(text, file) is { } failure)
            {
                failures.Add(failure);
            }

            handled += FastYamlReader.TryRead(text, file) is null ? 0 : 1;
        }

        output.WriteLine($"{handled} of {cases} mutants read by the fast reader, {failures.Count} disagreements");
        failures.Should().BeEmpty("the first disagreements:\n" + string.Join("\n\n", failures.Take(3)));

        // Both outcomes must be common, or the test would exercise only one side of the reader.
        handled.Should().BeInRange(cases / 5, cases * 4 / 5);
    }

    /// <summary>Null when the two paths agree; otherwise a description of the case and both results.</summary>
    internal static string? Compare(string text, string file)
    {
        string full;
        try
        {
            full = YamlTreeText.Of(YamlLoader.LoadWithYamlDotNet(text, file));
        }
        catch (Exception e)
        {
            return $"YamlDotNet path threw {e.GetType().Name}: {e.Message}\n--- text:\n{text}";
        }

        var fast = FastYamlReader.TryRead(text, file);
        var combined = YamlTreeText.Of(YamlLoader.Load(text, file));
        if (fast is not null && YamlTreeText.Of(fast) != full)
        {
            return $"fast reader: {YamlTreeText.Of(fast)}\nYamlDotNet:  {full}\n--- text:\n{text}";
        }

        return combined == full ? null : $"Load: {combined}\nYamlDotNet: {full}\n--- text:\n{text}";
    }

    private static string Mutate(string text, Random random)
    {
        var sb = new StringBuilder(text);
        var count = 1 + random.Next(3);
        for (var i = 0; i < count; i++)
        {
            var at = random.Next(sb.Length + 1);
            switch (random.Next(5))
            {
                case 0:
                    sb.Remove(Math.Min(at, sb.Length), Math.Min(1 + random.Next(3), sb.Length - Math.Min(at, sb.Length)));
                    break;
                case 1 or 2:
                    sb.Insert(at, MutationCharacters[random.Next(MutationCharacters.Length)]);
                    break;
                case 3:
                {
                    // At the start of a line's content: where indicators change the structure most.
                    var lineStart = at == 0 ? 0 : sb.ToString().LastIndexOf('\n', at - 1) + 1;
                    while (lineStart < sb.Length && sb[lineStart] == ' ')
                    {
                        lineStart++;
                    }

                    sb.Insert(lineStart, MutationCharacters[random.Next(MutationCharacters.Length)]);
                    break;
                }

                default:
                {
                    // A copy of a line elsewhere: duplicate keys, misplaced entries.
                    var s = sb.ToString();
                    var start = at == 0 ? 0 : s.LastIndexOf('\n', at - 1) + 1;
                    var end = s.IndexOf('\n', start);
                    var line = end < 0 ? s[start..] + "\n" : s[start..(end + 1)];
                    var target = s.IndexOf('\n', random.Next(s.Length + 1));
                    sb.Insert(target < 0 ? sb.Length : target + 1, line);
                    break;
                }
            }
        }

        return sb.ToString();
    }
}

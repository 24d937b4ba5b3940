using System.Globalization;
using System.Text;
using Reconciler.Tests.Common;
using Xunit.Abstractions;

namespace Reconciler.Schema.Tests.JsonSchema;

using Reconciler.Schema.Validation.JsonSchema;

/// <summary>Runs the official JSON Schema 2020-12 test suite: every file, every group, every case.</summary>
public sealed class OfficialSuiteTests(ITestOutputHelper output)
{
    /// <summary>One row per case of every group not in the skip list: (file, group, case).</summary>
    public static IEnumerable<object[]> Cases() =>
        from file in OfficialSuite.Files
        from g in OfficialSuite.GroupsOf(file)
        where SuiteSkipList.Find(file, g.Description) is null
        from i in Enumerable.Range(0, g.Cases.Count)
        select new object[] { file, g.Index, i, g.Description, g.Cases[i].Description };

    public static IEnumerable<object[]> Skipped() =>
        SuiteSkipList.Entries.Select(e => new object[] { e.File, e.Group });

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case(string file, int group, int @case, string groupDescription, string caseDescription)
    {
        var g = OfficialSuite.Group(file, group);
        var c = g.Cases[@case];
        g.Description.Should().Be(groupDescription);
        c.Description.Should().Be(caseDescription);
        output.WriteLine($"{file} / {g.Description} / {c.Description}");
        output.WriteLine($"schema: {g.Schema}");
        output.WriteLine($"data:   {c.Data}");

        var schema = OfficialSuite.Compile(g);
        var valid = schema.IsValid(c.Data);
        var errors = schema.Validate(c.Data);
        foreach (var e in errors)
        {
            output.WriteLine($"error:  {e} [{e.KeywordLocation}]");
        }

        valid.Should().Be(c.Valid, "the suite says this instance is {0}", c.Valid ? "valid" : "invalid");
        errors.Count.Should().Be(valid ? 0 : errors.Count, "Validate must agree with IsValid");
        if (!valid)
        {
            errors.Should().NotBeEmpty("an invalid instance must come with at least one error");
        }
    }

    /// <summary>A skip-list entry must name a real group and still be needed.</summary>
    [Theory]
    [MemberData(nameof(Skipped))]
    public void SkippedGroupStillDoesNotPass(string file, string group)
    {
        var entry = SuiteSkipList.Find(file, group)!;
        var g = OfficialSuite.GroupsOf(file).SingleOrDefault(x => x.Description == group);
        g.Should().NotBeNull($"the skip list names '{group}' in {file}, which the suite does not have");
        output.WriteLine($"{file} / {group}: {entry.Kind}: {entry.Reason}");
        switch (entry.Kind)
        {
            case SkipKind.Unsupported:
            {
                var act = () => CompiledSchema.Compile(g!.Schema);
                var thrown = act.Should().Throw<UnsupportedSchemaException>().Which;
                output.WriteLine(thrown.Message);
                break;
            }

            case SkipKind.Deviation:
            {
                var schema = CompiledSchema.Compile(g!.Schema);
                var disagreeing = g.Cases.Where(c => schema.IsValid(c.Data) != c.Valid).Select(c => c.Description).ToList();
                disagreeing.Should().NotBeEmpty("the group passes now, so remove it from the skip list");
                output.WriteLine("disagrees on: " + string.Join("; ", disagreeing));
                break;
            }
        }
    }

    [Fact]
    public void SuiteFolderIsPresentAndComplete()
    {
        Directory.Exists(OfficialSuite.Folder).Should().BeTrue($"the suite must be at {OfficialSuite.Folder}");
        OfficialSuite.Files.Should().Contain(["type.json", "ref.json", "optional/format/idn-hostname.json", "optional/ecmascript-regex.json"]);
    }

    /// <summary>Counts per file; fails if any case outside the skip list fails.</summary>
    [Fact]
    public void Summary()
    {
        var rows = new List<(string File, int Ran, int Passed, int Skipped)>();
        var failures = new List<string>();
        foreach (var file in OfficialSuite.Files)
        {
            int ran = 0, passed = 0, skipped = 0;
            foreach (var g in OfficialSuite.GroupsOf(file))
            {
                if (SuiteSkipList.Find(file, g.Description) is not null)
                {
                    skipped += g.Cases.Count;
                    continue;
                }

                CompiledSchema schema;
                try
                {
                    schema = OfficialSuite.Compile(g);
                }
                catch (Exception e)
                {
                    ran += g.Cases.Count;
                    failures.Add($"{file} / {g.Description}: compile failed: {e.Message}");
                    continue;
                }

                foreach (var c in g.Cases)
                {
                    ran++;
                    if (schema.IsValid(c.Data) == c.Valid && (schema.Validate(c.Data).Count == 0) == c.Valid)
                    {
                        passed++;
                    }
                    else
                    {
                        failures.Add($"{file} / {g.Description} / {c.Description}");
                    }
                }
            }

            rows.Add((file, ran, passed, skipped));
        }

        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"{"file",-40} {"ran",5} {"passed",6} {"skipped",7}");
        foreach (var r in rows)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"{r.File,-40} {r.Ran,5} {r.Passed,6} {r.Skipped,7}");
        }

        sb.AppendLine(CultureInfo.InvariantCulture, $"{"total",-40} {rows.Sum(r => r.Ran),5} {rows.Sum(r => r.Passed),6} {rows.Sum(r => r.Skipped),7}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"skipped groups: {SuiteSkipList.Entries.Count} ({SuiteSkipList.Entries.Count(e => e.Kind == SkipKind.Unsupported)} unsupported, {SuiteSkipList.Entries.Count(e => e.Kind == SkipKind.Deviation)} deliberate deviations)");
        foreach (var f in failures)
        {
            sb.AppendLine("FAILED: " + f);
        }

        output.WriteLine(sb.ToString());
        SuiteReport.Write("json-schema-2020-12", "JSON Schema 2020-12 suite\n" + sb);
        rows.Sum(r => r.Ran).Should().BeGreaterThan(1000, "the whole suite must have been run");
        failures.Should().BeEmpty();
    }
}

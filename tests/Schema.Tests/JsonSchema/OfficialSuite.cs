using System.Collections.Concurrent;
using Reconciler.Schema.Loading;
using Reconciler.Tests.Common;

namespace Reconciler.Schema.Tests.JsonSchema;

using Reconciler.Schema.Validation.JsonSchema;

/// <summary>
/// Loads the JSON-Schema-Test-Suite (draft 2020-12) from the shared test-suite folder: every file, core and
/// optional. A missing folder throws, so the tests fail instead of passing with nothing run.
/// </summary>
public static class OfficialSuite
{
    private static readonly Lazy<IReadOnlyDictionary<string, IReadOnlyList<SuiteGroup>>> Groups = new(LoadAll);
    private static readonly ConcurrentDictionary<(string, int), Lazy<CompiledSchema>> Compiled = new();

    public static string Folder => Path.Combine(RepoPaths.TestSuites, "json-schema-2020-12");

    /// <summary>Suite files relative to <see cref="Folder"/>, with '/' separators, sorted.</summary>
    public static IReadOnlyList<string> Files =>
        Directory.Exists(Folder)
            ? Directory.EnumerateFiles(Folder, "*.json", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(Folder, f).Replace('\\', '/'))
                .Order(StringComparer.Ordinal)
                .ToList()
            : throw new DirectoryNotFoundException($"JSON Schema test suite not found at {Folder} (set RECONCILER_TESTSUITES to the shared testsuites folder)");

    public static IReadOnlyList<SuiteGroup> GroupsOf(string file) => Groups.Value[file];

    public static SuiteGroup Group(string file, int index) => Groups.Value[file][index];

    public static IEnumerable<SuiteGroup> AllGroups => Groups.Value.Values.SelectMany(g => g);

    /// <summary>The group's schema compiled once (exceptions are rethrown on every call).</summary>
    public static CompiledSchema Compile(SuiteGroup group) =>
        Compiled.GetOrAdd((group.File, group.Index), _ => new Lazy<CompiledSchema>(() => CompiledSchema.Compile(group.Schema))).Value;

    private static IReadOnlyDictionary<string, IReadOnlyList<SuiteGroup>> LoadAll() =>
        Files.ToDictionary(f => f, Load, StringComparer.Ordinal);

    private static IReadOnlyList<SuiteGroup> Load(string file)
    {
        var root = NodeJson.Parse(File.ReadAllText(Path.Combine(Folder, file)), file);
        var groups = new List<SuiteGroup>();
        foreach (var g in ((ListNode)root).Items.Cast<MapNode>())
        {
            var cases = ((ListNode)g["tests"]!).Items.Cast<MapNode>()
                .Select(t => new SuiteCase(((StringNode)t["description"]!).Value, t["data"]!, ((BooleanNode)t["valid"]!).Value))
                .ToList();
            groups.Add(new SuiteGroup(file, groups.Count, ((StringNode)g["description"]!).Value, g["schema"]!, cases));
        }

        return groups;
    }
}

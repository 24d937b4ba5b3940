using Reconciler.Schema.Loading;
using Reconciler.Schema.Model;

namespace Reconciler.Providers;

/// <summary>
/// Reads one provider's <c>settings:</c> from reconciler.yaml, with errors that point at the file and line. The
/// schema has already checked shapes; this is the typed read, and a second line of defence.
/// </summary>
internal sealed class ProviderSettings(ProviderConfig config)
{
    public string? String(string key) => config.Settings[key] switch
    {
        null => null,
        StringNode s => s.Value,
        var other => throw Wrong(key, other, "a string"),
    };

    public string RequiredString(string key) =>
        String(key) ?? throw new ProviderException($"{config.Position}: provider '{config.Name}' ({config.Kind}) needs the setting '{key}'");

    public bool? Boolean(string key) => config.Settings[key] switch
    {
        null => null,
        BooleanNode b => b.Value,
        var other => throw Wrong(key, other, "true or false"),
    };

    public double? Number(string key) => config.Settings[key] switch
    {
        null => null,
        NumberNode n when n.Double > 0 => n.Double,
        var other => throw Wrong(key, other, "a positive number"),
    };

    public IReadOnlyList<string> Strings(string key) => config.Settings[key] switch
    {
        null => [],
        ListNode list => list.Items.Select(i => i is StringNode s ? s.Value : throw Wrong(key, i, "a list of strings")).ToList(),
        var other => throw Wrong(key, other, "a list of strings"),
    };

    /// <summary>Wraps a format problem in one setting's value as a positioned provider error.</summary>
    public ProviderException Invalid(string key, string problem) =>
        new($"{Position(key)}: provider '{config.Name}' setting '{key}': {problem}");

    private string Position(string key) =>
        config.Settings[key] is { } node ? node.Position.ToString() : config.Position.ToString();

    private ProviderException Wrong(string key, Node node, string expected) =>
        new($"{node.Position}: provider '{config.Name}' setting '{key}' must be {expected}");
}

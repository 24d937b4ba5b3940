using System.Runtime.CompilerServices;
using Reconciler.Schema.Loading;
using Reconciler.Schema.Validation.JsonSchema.Keywords;

namespace Reconciler.Schema.Validation.JsonSchema;

/// <summary>
/// One compiled (sub)schema. Keywords are pre-sorted per instance kind, so a string never looks at
/// <c>properties</c> and an object never looks at <c>pattern</c>.
/// </summary>
internal sealed class SchemaNode
{
    private static readonly int KindCount = Enum.GetValues<NodeKind>().Length;
    private Keyword[][] _byKind = [];

    public SchemaNode(string location, SourcePosition position, string? title)
    {
        Location = location;
        Position = position;
        Title = title;
    }

    /// <summary>Document URI, '#', and the pointer to this schema.</summary>
    public string Location { get; }

    public SourcePosition Position { get; }

    public string? Title { get; }

    public IReadOnlyList<Keyword> Keywords { get; private set; } = [];

    public bool IsFalse => Keywords is [FalseSchemaKeyword];

    public bool IsTrue => Keywords.Count == 0;

    public void Seal(IEnumerable<Keyword> keywords)
    {
        var ordered = keywords.OrderBy(k => k.Cost).ToArray();
        Keywords = ordered;
        var byKind = new Keyword[KindCount][];
        for (var kind = 0; kind < KindCount; kind++)
        {
            byKind[kind] = ordered.Where(k => k.AppliesTo is null || (int)k.AppliesTo.Value == kind).ToArray();
        }

        _byKind = byKind;
    }

    /// <summary>
    /// Checks <paramref name="instance"/>. With no collector this is the fast path: it stops at the first failure
    /// and allocates nothing. With a collector it keeps going and records every error.
    /// </summary>
    public bool Evaluate(Node instance, ErrorCollector? errors)
    {
        var keywords = _byKind[(int)instance.Kind];
        if (keywords.Length == 0)
        {
            return true;
        }

        // Deeply nested documents must fail cleanly instead of overflowing the stack.
        RuntimeHelpers.EnsureSufficientExecutionStack();
        if (errors is null)
        {
            foreach (var k in keywords)
            {
                if (!k.Evaluate(instance, null))
                {
                    return false;
                }
            }

            return true;
        }

        var ok = true;
        foreach (var k in keywords)
        {
            ok &= k.Evaluate(instance, errors);
        }

        return ok;
    }

    /// <summary>Fast path for a property name: checks the key without allocating a string node when it can.</summary>
    public bool AcceptsKey(MapEntry entry)
    {
        foreach (var k in _byKind[(int)NodeKind.String])
        {
            var accepted = k.AcceptsString(entry.Key);
            if (accepted is null)
            {
                return Evaluate(new StringNode(entry.Key, entry.KeyPosition), null);
            }

            if (!accepted.Value)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A name for messages: the title, or the referenced schema's title.</summary>
    public string? DisplayTitle(int hops = 0) =>
        Title ?? (hops < 4 && Keywords.OfType<RefKeyword>().FirstOrDefault() is { } r ? r.Target.DisplayTitle(hops + 1) : null);

    public override string ToString() => Location;
}

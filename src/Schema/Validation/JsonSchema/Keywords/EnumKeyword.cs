using System.Collections.Frozen;
using Reconciler.Schema.Loading;

namespace Reconciler.Schema.Validation.JsonSchema.Keywords;

internal sealed class EnumKeyword : Keyword
{
    private readonly FrozenSet<string> _strings;
    private readonly Node[] _others;

    public EnumKeyword(string schemaLocation, IReadOnlyList<Node> values)
        : base("enum", schemaLocation)
    {
        Values = values;
        _strings = values.OfType<StringNode>().Select(s => s.Value).ToFrozenSet(StringComparer.Ordinal);
        _others = values.Where(v => v is not StringNode).ToArray();
    }

    public IReadOnlyList<Node> Values { get; }

    public override int Cost => 1;

    public override bool? AcceptsString(string value) => _strings.Contains(value);

    public override bool Evaluate(Node instance, ErrorCollector? errors)
    {
        if (instance is StringNode s)
        {
            if (_strings.Contains(s.Value))
            {
                return true;
            }
        }
        else
        {
            foreach (var v in _others)
            {
                if (NodeEquality.Instance.Equals(v, instance))
                {
                    return true;
                }
            }
        }

        errors?.Report(this, instance.Position, Message(Values, instance));
        return false;
    }

    /// <summary>"expected one of: none, quarantine, reject; got string "rejct" (did you mean 'reject'?)"</summary>
    public static string Message(IReadOnlyList<Node> values, Node instance)
    {
        if (values.Count == 1)
        {
            return $"expected {Messages.Literal(values[0])}, got {Messages.Describe(instance)}";
        }

        var listed = string.Join(", ", values.Select(Messages.Literal));
        var suggestion = instance is StringNode s ? Suggestions.Closest(s.Value, values.OfType<StringNode>().Select(v => v.Value)) : null;
        return $"expected one of: {listed}; got {Messages.Describe(instance)}{Messages.DidYouMean(suggestion)}";
    }
}

using Reconciler.Schema.Loading;

namespace Reconciler.Schema.Validation.JsonSchema.Keywords;

internal sealed class ConstKeyword(string schemaLocation, Node value) : Keyword("const", schemaLocation)
{
    public Node Value { get; } = value;

    public override int Cost => 1;

    public override bool? AcceptsString(string value) => Value is StringNode s && string.Equals(s.Value, value, StringComparison.Ordinal);

    public override bool Evaluate(Node instance, ErrorCollector? errors)
    {
        if (NodeEquality.Instance.Equals(Value, instance))
        {
            return true;
        }

        errors?.Report(this, instance.Position, $"expected {Messages.Literal(Value)}, got {Messages.Describe(instance)}");
        return false;
    }
}

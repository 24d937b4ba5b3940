namespace Reconciler.Schema.Loading;

public sealed class StringNode : Node
{
    public StringNode(string value, SourcePosition position)
        : base(position) => Value = value;

    public string Value { get; }

    public override NodeKind Kind => NodeKind.String;

    public override Node WithPosition(SourcePosition position) => new StringNode(Value, position);
}

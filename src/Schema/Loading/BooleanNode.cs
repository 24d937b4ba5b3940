namespace Reconciler.Schema.Loading;

public sealed class BooleanNode : Node
{
    public BooleanNode(bool value, SourcePosition position)
        : base(position) => Value = value;

    public bool Value { get; }

    public override NodeKind Kind => NodeKind.Boolean;

    public override Node WithPosition(SourcePosition position) => new BooleanNode(Value, position);
}

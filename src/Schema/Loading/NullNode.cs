namespace Reconciler.Schema.Loading;

public sealed class NullNode : Node
{
    public NullNode(SourcePosition position)
        : base(position)
    {
    }

    public override NodeKind Kind => NodeKind.Null;

    public override Node WithPosition(SourcePosition position) => new NullNode(position);
}

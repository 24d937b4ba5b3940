namespace Reconciler.Schema.Loading;

/// <summary>An array.</summary>
public sealed class ListNode : Node
{
    public ListNode(IReadOnlyList<Node> items, SourcePosition position)
        : base(position) => Items = items;

    public IReadOnlyList<Node> Items { get; }

    public override NodeKind Kind => NodeKind.List;

    public int Count => Items.Count;

    public Node this[int index] => Items[index];

    public override Node WithPosition(SourcePosition position) => new ListNode(Items, position);
}

namespace Reconciler.Schema.Loading;

/// <summary>JSON equality: numbers compare by value (1 == 1.0), maps ignore key order, positions are ignored.</summary>
public sealed class NodeEquality : IEqualityComparer<Node>
{
    public static readonly NodeEquality Instance = new();

    public bool Equals(Node? x, Node? y)
    {
        if (ReferenceEquals(x, y))
        {
            return true;
        }

        if (x is null || y is null || x.Kind != y.Kind)
        {
            return false;
        }

        switch (x)
        {
            case StringNode s:
                return string.Equals(s.Value, ((StringNode)y).Value, StringComparison.Ordinal);
            case NumberNode n:
                return NumberNode.Compare(n, (NumberNode)y) == 0;
            case BooleanNode b:
                return b.Value == ((BooleanNode)y).Value;
            case NullNode:
                return true;
            case ListNode l:
            {
                var m = (ListNode)y;
                if (l.Count != m.Count)
                {
                    return false;
                }

                for (var i = 0; i < l.Count; i++)
                {
                    if (!Equals(l[i], m[i]))
                    {
                        return false;
                    }
                }

                return true;
            }

            case MapNode a:
            {
                var b = (MapNode)y;
                if (a.Count != b.Count)
                {
                    return false;
                }

                foreach (var e in a.Entries)
                {
                    if (!b.TryGetValue(e.Key, out var other) || !Equals(e.Value, other))
                    {
                        return false;
                    }
                }

                return true;
            }

            default:
                return false;
        }
    }

    public int GetHashCode(Node obj) => obj switch
    {
        StringNode s => HashCode.Combine(1, s.Value),
        NumberNode n => HashCode.Combine(2, n.Double),
        BooleanNode b => HashCode.Combine(3, b.Value),
        NullNode => 4,
        ListNode l => HashCode.Combine(5, l.Count),
        MapNode m => HashCode.Combine(6, m.Count),
        _ => 0,
    };
}

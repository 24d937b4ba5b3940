using Reconciler.Schema.Loading;

namespace Reconciler.Schema.Validation.JsonSchema.Keywords;

internal sealed class UniqueItemsKeyword(string schemaLocation) : Keyword("uniqueItems", schemaLocation)
{
    private const int PairwiseLimit = 16;

    public override NodeKind? AppliesTo => NodeKind.List;

    public override int Cost => 10;

    public override bool Evaluate(Node instance, ErrorCollector? errors)
    {
        var items = ((ListNode)instance).Items;
        if (items.Count < 2)
        {
            return true;
        }

        if (errors is null && items.Count <= PairwiseLimit)
        {
            for (var i = 1; i < items.Count; i++)
            {
                for (var j = 0; j < i; j++)
                {
                    if (NodeEquality.Instance.Equals(items[i], items[j]))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        var seen = new Dictionary<Node, int>(items.Count, NodeEquality.Instance);
        var ok = true;
        for (var i = 0; i < items.Count; i++)
        {
            if (seen.TryGetValue(items[i], out var first))
            {
                if (errors is null)
                {
                    return false;
                }

                ok = false;
                var earlier = items[first].Position.IsKnown ? $"the item at line {items[first].Position.Line}" : $"item {first}";
                errors.EnterInstance(i);
                errors.Report(this, items[i].Position, $"duplicate of {earlier}; items must be unique");
                errors.LeaveInstance();
            }
            else
            {
                seen.Add(items[i], i);
            }
        }

        return ok;
    }
}

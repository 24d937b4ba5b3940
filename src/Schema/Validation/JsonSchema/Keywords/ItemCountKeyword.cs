using Reconciler.Schema.Loading;

namespace Reconciler.Schema.Validation.JsonSchema.Keywords;

/// <summary>minItems / maxItems.</summary>
internal sealed class ItemCountKeyword(string name, string schemaLocation, long limit, bool isMinimum) : Keyword(name, schemaLocation)
{
    public override NodeKind? AppliesTo => NodeKind.List;

    public override int Cost => 2;

    public override bool Evaluate(Node instance, ErrorCollector? errors)
    {
        var count = ((ListNode)instance).Count;
        var ok = isMinimum ? count >= limit : count <= limit;
        if (!ok)
        {
            errors?.Report(this, instance.Position, $"must have {(isMinimum ? "at least" : "at most")} {Messages.Count(limit, "item")} (has {count})");
        }

        return ok;
    }
}

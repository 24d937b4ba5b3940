using Reconciler.Schema.Loading;

namespace Reconciler.Schema.Validation.JsonSchema.Keywords;

/// <summary>minProperties / maxProperties.</summary>
internal sealed class PropertyCountKeyword(string name, string schemaLocation, long limit, bool isMinimum) : Keyword(name, schemaLocation)
{
    public override NodeKind? AppliesTo => NodeKind.Map;

    public override int Cost => 2;

    public override bool Evaluate(Node instance, ErrorCollector? errors)
    {
        var count = ((MapNode)instance).Count;
        var ok = isMinimum ? count >= limit : count <= limit;
        if (!ok)
        {
            var bound = isMinimum ? "at least" : "at most";
            errors?.Report(this, instance.Position, $"must have {bound} {Messages.Count(limit, "property", "properties")} (has {count})");
        }

        return ok;
    }
}

using Reconciler.Schema.Loading;

namespace Reconciler.Schema.Validation.JsonSchema.Keywords;

internal sealed class RequiredKeyword(string schemaLocation, string[] names) : Keyword("required", schemaLocation)
{
    public IReadOnlyList<string> Names => names;

    public override NodeKind? AppliesTo => NodeKind.Map;

    public override int Cost => 3;

    public override bool Evaluate(Node instance, ErrorCollector? errors)
    {
        var map = (MapNode)instance;
        var ok = true;
        foreach (var name in names)
        {
            if (MapLookup.Has(map, name))
            {
                continue;
            }

            if (errors is null)
            {
                return false;
            }

            ok = false;
            errors.Report(this, instance.Position, $"missing required property '{name}'");
        }

        return ok;
    }
}

using Reconciler.Schema.Loading;

namespace Reconciler.Schema.Validation.JsonSchema.Keywords;

internal sealed class DependentRequiredKeyword(string schemaLocation, (string Property, string[] Requires)[] dependencies)
    : Keyword("dependentRequired", schemaLocation)
{
    public override NodeKind? AppliesTo => NodeKind.Map;

    public override int Cost => 4;

    public override bool Evaluate(Node instance, ErrorCollector? errors)
    {
        var map = (MapNode)instance;
        var ok = true;
        foreach (var (property, requires) in dependencies)
        {
            if (!MapLookup.Has(map, property))
            {
                continue;
            }

            foreach (var name in requires)
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
                errors.Report(this, instance.Position, $"missing property '{name}', which is required when '{property}' is set");
            }
        }

        return ok;
    }
}

using Reconciler.Schema.Loading;

namespace Reconciler.Schema.Validation.JsonSchema.Keywords;

internal sealed class DependentSchemasKeyword(string schemaLocation, (string Property, SchemaNode Schema)[] dependencies)
    : Keyword("dependentSchemas", schemaLocation)
{
    public override NodeKind? AppliesTo => NodeKind.Map;

    public override int Cost => 30;

    public override IEnumerable<SchemaNode> InPlaceSubschemas => dependencies.Select(d => d.Schema);

    public override bool Evaluate(Node instance, ErrorCollector? errors)
    {
        var map = (MapNode)instance;
        var ok = true;
        foreach (var (property, schema) in dependencies)
        {
            if (!MapLookup.Has(map, property))
            {
                continue;
            }

            if (errors is null)
            {
                if (!schema.Evaluate(instance, null))
                {
                    return false;
                }

                continue;
            }

            errors.EnterKeyword(Name, property);
            ok &= schema.Evaluate(instance, errors);
            errors.LeaveKeyword(2);
        }

        return ok;
    }
}

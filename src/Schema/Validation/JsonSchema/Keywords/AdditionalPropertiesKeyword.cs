using Reconciler.Schema.Loading;

namespace Reconciler.Schema.Validation.JsonSchema.Keywords;

/// <summary>
/// Applies to keys that neither <c>properties</c> nor <c>patternProperties</c> of the same schema cover.
/// With <c>false</c>, the error points at the key and suggests the declared name it most resembles.
/// </summary>
internal sealed class AdditionalPropertiesKeyword(
    string schemaLocation,
    SchemaNode schema,
    PropertiesKeyword? properties,
    PatternPropertiesKeyword? patternProperties) : Keyword("additionalProperties", schemaLocation)
{
    private const int ListAllowedUpTo = 8;

    public override NodeKind? AppliesTo => NodeKind.Map;

    public override int Cost => 22;

    public override bool Evaluate(Node instance, ErrorCollector? errors)
    {
        var map = (MapNode)instance;
        var entries = map.Entries;
        var ok = true;
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if ((properties is not null && properties.Declares(entry.Key)) || (patternProperties is not null && patternProperties.Matches(entry.Key)))
            {
                continue;
            }

            if (errors is null)
            {
                if (!schema.Evaluate(entry.Value, null))
                {
                    return false;
                }

                continue;
            }

            if (schema.IsFalse)
            {
                errors.ReportKey(this, entry, NotAllowed(entry.Key, map));
                ok = false;
                continue;
            }

            errors.EnterInstance(entry.Key);
            errors.EnterKeyword(Name);
            ok &= schema.Evaluate(entry.Value, errors);
            errors.LeaveKeyword();
            errors.LeaveInstance();
        }

        return ok;
    }

    private string NotAllowed(string key, MapNode map)
    {
        var declared = properties?.Schemas.Keys.ToList() ?? [];
        var suggestion = Suggestions.Closest(key, declared.Where(d => !map.ContainsKey(d)));
        if (suggestion is not null)
        {
            return $"'{key}' is not allowed here{Messages.DidYouMean(suggestion)}";
        }

        if (declared.Count is > 0 and <= ListAllowedUpTo && patternProperties is null)
        {
            declared.Sort(StringComparer.Ordinal);
            return $"'{key}' is not allowed here; allowed: {string.Join(", ", declared)}";
        }

        return $"'{key}' is not allowed here";
    }
}

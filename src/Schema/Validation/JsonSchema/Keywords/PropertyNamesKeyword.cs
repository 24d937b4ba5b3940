using Reconciler.Schema.Loading;

namespace Reconciler.Schema.Validation.JsonSchema.Keywords;

/// <summary>Checks each key as a string; errors point at the key.</summary>
internal sealed class PropertyNamesKeyword(string schemaLocation, SchemaNode schema) : Keyword("propertyNames", schemaLocation)
{
    public override NodeKind? AppliesTo => NodeKind.Map;

    public override int Cost => 15;

    public override bool Evaluate(Node instance, ErrorCollector? errors)
    {
        var entries = ((MapNode)instance).Entries;
        var ok = true;
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (schema.IsFalse)
            {
                if (errors is null)
                {
                    return false;
                }

                errors.ReportKey(this, entry, $"'{entry.Key}' is not allowed here (no properties are allowed)");
                ok = false;
                continue;
            }

            if (errors is null)
            {
                if (!schema.AcceptsKey(entry))
                {
                    return false;
                }

                continue;
            }

            var key = new StringNode(entry.Key, entry.KeyPosition);
            var outer = errors.Failures;
            errors.Failures = [];
            errors.EnterInstance(entry.Key);
            errors.EnterKeyword(Name);
            ok &= schema.Evaluate(key, errors);
            errors.LeaveKeyword();
            errors.LeaveInstance();
            foreach (var f in errors.Failures)
            {
                outer.Add(f with { Error = f.Error with { Message = $"property name '{entry.Key}': {f.Error.Message}" } });
            }

            errors.Failures = outer;
        }

        return ok;
    }
}

using System.Collections.Frozen;
using Reconciler.Schema.Loading;

namespace Reconciler.Schema.Validation.JsonSchema.Keywords;

internal sealed class PropertiesKeyword : Keyword
{
    private readonly FrozenDictionary<string, SchemaNode> _schemas;

    public PropertiesKeyword(string schemaLocation, IEnumerable<KeyValuePair<string, SchemaNode>> schemas)
        : base("properties", schemaLocation)
    {
        _schemas = schemas.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public IReadOnlyDictionary<string, SchemaNode> Schemas => _schemas;

    public override NodeKind? AppliesTo => NodeKind.Map;

    public override int Cost => 20;

    public bool Declares(string name) => _schemas.ContainsKey(name);

    public override bool Evaluate(Node instance, ErrorCollector? errors)
    {
        var entries = ((MapNode)instance).Entries;
        var ok = true;
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (!_schemas.TryGetValue(entry.Key, out var schema))
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
                errors.EnterKeyword(Name, entry.Key);
                errors.ReportKey(this, entry, $"'{entry.Key}' is not allowed here");
                errors.LeaveKeyword(2);
                ok = false;
                continue;
            }

            errors.EnterInstance(entry.Key);
            errors.EnterKeyword(Name, entry.Key);
            ok &= schema.Evaluate(entry.Value, errors);
            errors.LeaveKeyword(2);
            errors.LeaveInstance();
        }

        return ok;
    }
}

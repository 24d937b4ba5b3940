using Reconciler.Schema.Loading;

namespace Reconciler.Schema.Validation.JsonSchema.Keywords;

/// <summary><c>contains</c> with its <c>minContains</c> (default 1) and <c>maxContains</c>.</summary>
internal sealed class ContainsKeyword(string schemaLocation, SchemaNode schema, long min, long? max) : Keyword("contains", schemaLocation)
{
    public override NodeKind? AppliesTo => NodeKind.List;

    public override int Cost => 22;

    public override bool Evaluate(Node instance, ErrorCollector? errors)
    {
        var items = ((ListNode)instance).Items;
        long found = 0;
        for (var i = 0; i < items.Count; i++)
        {
            if (schema.Evaluate(items[i], null))
            {
                found++;

                // Without a maximum, stop as soon as the minimum is met.
                if (max is null && found >= min)
                {
                    return true;
                }
            }
        }

        var ok = found >= min && (max is null || found <= max);
        if (!ok && errors is not null)
        {
            var constant = schema.Keywords.Count == 1 ? schema.Keywords[0] as ConstKeyword : null;
            var matching = constant is null ? "items matching the 'contains' schema" : $"items equal to {Messages.Literal(constant.Value)}";
            string message;
            if (found < min && min == 1)
            {
                message = constant is null ? "must contain an item matching the 'contains' schema" : $"must contain {Messages.Literal(constant.Value)}";
            }
            else if (found < min)
            {
                message = $"must contain at least {min} {matching} (found {found})";
            }
            else
            {
                message = $"must contain at most {max} {matching} (found {found})";
            }

            errors.Report(this, instance.Position, message);
        }

        return ok;
    }
}

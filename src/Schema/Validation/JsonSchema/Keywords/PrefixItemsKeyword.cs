using Reconciler.Schema.Loading;

namespace Reconciler.Schema.Validation.JsonSchema.Keywords;

internal sealed class PrefixItemsKeyword(string schemaLocation, SchemaNode[] schemas) : Keyword("prefixItems", schemaLocation)
{
    public override NodeKind? AppliesTo => NodeKind.List;

    public override int Cost => 20;

    public override bool Evaluate(Node instance, ErrorCollector? errors)
    {
        var items = ((ListNode)instance).Items;
        var n = Math.Min(items.Count, schemas.Length);
        var ok = true;
        for (var i = 0; i < n; i++)
        {
            if (errors is null)
            {
                if (!schemas[i].Evaluate(items[i], null))
                {
                    return false;
                }

                continue;
            }

            errors.EnterInstance(i);
            errors.EnterKeyword(Name, i);
            ok &= schemas[i].Evaluate(items[i], errors);
            errors.LeaveKeyword(2);
            errors.LeaveInstance();
        }

        return ok;
    }
}

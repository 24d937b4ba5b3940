using Reconciler.Schema.Loading;

namespace Reconciler.Schema.Validation.JsonSchema.Keywords;

/// <summary><c>items</c>: applies to every item after those covered by <c>prefixItems</c>.</summary>
internal sealed class ItemsKeyword(string schemaLocation, SchemaNode schema, int start) : Keyword("items", schemaLocation)
{
    public override NodeKind? AppliesTo => NodeKind.List;

    public override int Cost => 21;

    public override bool Evaluate(Node instance, ErrorCollector? errors)
    {
        var items = ((ListNode)instance).Items;
        if (items.Count <= start)
        {
            return true;
        }

        if (schema.IsFalse)
        {
            if (errors is not null)
            {
                var allowed = start == 0 ? "no items are allowed here" : $"at most {Messages.Count(start, "item")} allowed here";
                errors.EnterInstance(start);
                errors.Report(this, items[start].Position, $"unexpected item: {allowed} (found {items.Count})");
                errors.LeaveInstance();
            }

            return false;
        }

        var ok = true;
        for (var i = start; i < items.Count; i++)
        {
            if (errors is null)
            {
                if (!schema.Evaluate(items[i], null))
                {
                    return false;
                }

                continue;
            }

            errors.EnterInstance(i);
            errors.EnterKeyword(Name);
            ok &= schema.Evaluate(items[i], errors);
            errors.LeaveKeyword();
            errors.LeaveInstance();
        }

        return ok;
    }
}

using Reconciler.Schema.Loading;

namespace Reconciler.Schema.Validation.JsonSchema.Keywords;

internal sealed class AllOfKeyword(string schemaLocation, SchemaNode[] branches) : Keyword("allOf", schemaLocation)
{
    public IReadOnlyList<SchemaNode> Branches => branches;

    public override int Cost => 30;

    public override IEnumerable<SchemaNode> InPlaceSubschemas => branches;

    public override bool Evaluate(Node instance, ErrorCollector? errors)
    {
        var ok = true;
        for (var i = 0; i < branches.Length; i++)
        {
            if (errors is null)
            {
                if (!branches[i].Evaluate(instance, null))
                {
                    return false;
                }

                continue;
            }

            errors.EnterKeyword(Name, i);
            ok &= branches[i].Evaluate(instance, errors);
            errors.LeaveKeyword(2);
        }

        return ok;
    }
}

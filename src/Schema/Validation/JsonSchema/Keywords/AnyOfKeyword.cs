using Reconciler.Schema.Loading;

namespace Reconciler.Schema.Validation.JsonSchema.Keywords;

internal sealed class AnyOfKeyword(string schemaLocation, SchemaNode[] branches) : Keyword("anyOf", schemaLocation)
{
    public override int Cost => 31;

    public override IEnumerable<SchemaNode> InPlaceSubschemas => branches;

    public override bool Evaluate(Node instance, ErrorCollector? errors)
    {
        foreach (var branch in branches)
        {
            if (branch.Evaluate(instance, null))
            {
                return true;
            }
        }

        if (errors is not null)
        {
            BranchChooser.ReportClosest(this, branches, instance, errors);
        }

        return false;
    }
}

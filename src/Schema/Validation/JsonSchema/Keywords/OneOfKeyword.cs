using Reconciler.Schema.Loading;

namespace Reconciler.Schema.Validation.JsonSchema.Keywords;

internal sealed class OneOfKeyword(string schemaLocation, SchemaNode[] branches) : Keyword("oneOf", schemaLocation)
{
    public override int Cost => 32;

    public override IEnumerable<SchemaNode> InPlaceSubschemas => branches;

    public override bool Evaluate(Node instance, ErrorCollector? errors)
    {
        var first = -1;
        for (var i = 0; i < branches.Length; i++)
        {
            if (!branches[i].Evaluate(instance, null))
            {
                continue;
            }

            if (first < 0)
            {
                first = i;
                continue;
            }

            errors?.Report(this, instance.Position, $"matches more than one of the allowed alternatives ({BranchName(first)} and {BranchName(i)}); it must match exactly one");
            return false;
        }

        if (first >= 0)
        {
            return true;
        }

        if (errors is not null)
        {
            BranchChooser.ReportClosest(this, branches, instance, errors);
        }

        return false;
    }

    private string BranchName(int index) => branches[index].DisplayTitle() is { } title ? $"'{title}'" : $"#{index}";
}

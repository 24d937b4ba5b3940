using Reconciler.Schema.Loading;

namespace Reconciler.Schema.Validation.JsonSchema.Keywords;

/// <summary><c>if</c> with its sibling <c>then</c> and <c>else</c>; errors come from the branch that applied.</summary>
internal sealed class IfThenElseKeyword(string schemaLocation, SchemaNode condition, SchemaNode? then, SchemaNode? otherwise) : Keyword("if", schemaLocation)
{
    public override int Cost => 34;

    public override IEnumerable<SchemaNode> InPlaceSubschemas
    {
        get
        {
            yield return condition;
            if (then is not null)
            {
                yield return then;
            }

            if (otherwise is not null)
            {
                yield return otherwise;
            }
        }
    }

    public override bool Evaluate(Node instance, ErrorCollector? errors)
    {
        var matched = condition.Evaluate(instance, null);
        var branch = matched ? then : otherwise;
        if (branch is null)
        {
            return true;
        }

        if (errors is null)
        {
            return branch.Evaluate(instance, null);
        }

        errors.EnterKeyword(matched ? "then" : "else");
        var ok = branch.Evaluate(instance, errors);
        errors.LeaveKeyword();
        return ok;
    }
}

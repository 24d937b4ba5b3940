using System.Text.RegularExpressions;
using Reconciler.Schema.Loading;

namespace Reconciler.Schema.Validation.JsonSchema.Keywords;

internal sealed class PatternKeyword(string schemaLocation, string pattern, Regex regex) : Keyword("pattern", schemaLocation)
{
    public override NodeKind? AppliesTo => NodeKind.String;

    public override int Cost => 5;

    public override bool? AcceptsString(string value) => regex.IsMatch(value);

    public override bool Evaluate(Node instance, ErrorCollector? errors)
    {
        var s = ((StringNode)instance).Value;
        if (regex.IsMatch(s))
        {
            return true;
        }

        errors?.Report(this, instance.Position, $"must match the pattern {pattern} (got {Messages.Quote(s)})");
        return false;
    }
}

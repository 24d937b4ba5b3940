using Reconciler.Schema.Loading;
using Reconciler.Schema.Validation.JsonSchema.Formats;

namespace Reconciler.Schema.Validation.JsonSchema.Keywords;

/// <summary><c>format</c> as an assertion (the format-assertion vocabulary) for the formats we implement.</summary>
internal sealed class FormatKeyword(string schemaLocation, StringFormat format) : Keyword("format", schemaLocation)
{
    public override NodeKind? AppliesTo => NodeKind.String;

    public override int Cost => 4;

    public override bool? AcceptsString(string value) => format.Check(value, out _);

    public override bool Evaluate(Node instance, ErrorCollector? errors)
    {
        var s = ((StringNode)instance).Value;
        if (format.Check(s, out var reason))
        {
            return true;
        }

        if (errors is not null)
        {
            var why = reason is null ? "" : $": {reason}";
            errors.Report(this, instance.Position, $"{Messages.Quote(s)} is not {format.Description}{why}");
        }

        return false;
    }
}

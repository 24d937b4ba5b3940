using Reconciler.Schema.Loading;

namespace Reconciler.Schema.Validation.JsonSchema.Keywords;

/// <summary>The boolean schema <c>false</c>: nothing is allowed.</summary>
internal sealed class FalseSchemaKeyword(string schemaLocation) : Keyword("", schemaLocation)
{
    public override int Cost => 0;

    public override bool? AcceptsString(string value) => false;

    public override bool Evaluate(Node instance, ErrorCollector? errors)
    {
        errors?.Report(this, instance.Position, "no value is allowed here");
        return false;
    }
}

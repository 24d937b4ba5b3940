using Reconciler.Schema.Loading;

namespace Reconciler.Schema.Validation.JsonSchema.Keywords;

internal sealed class RefKeyword(string schemaLocation, string reference) : Keyword("$ref", schemaLocation)
{
    private SchemaNode? _target;

    public string Reference => reference;

    /// <summary>Set once by the compiler (targets may be compiled after the reference, for cycles).</summary>
    public SchemaNode Target
    {
        get => _target ?? throw new InvalidOperationException($"$ref {reference} was never resolved");
        set => _target = value;
    }

    public override int Cost => 25;

    public override IEnumerable<SchemaNode> InPlaceSubschemas => [Target];

    public override bool Evaluate(Node instance, ErrorCollector? errors)
    {
        if (errors is null)
        {
            return _target!.Evaluate(instance, null);
        }

        errors.EnterKeyword(Name);
        var ok = _target!.Evaluate(instance, errors);
        errors.LeaveKeyword();
        return ok;
    }
}

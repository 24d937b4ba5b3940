using Reconciler.Schema.Loading;

namespace Reconciler.Schema.Validation.JsonSchema.Keywords;

/// <summary>minimum, maximum, exclusiveMinimum, exclusiveMaximum; compared exactly (decimal) when possible.</summary>
internal sealed class NumberBoundKeyword : Keyword
{
    private readonly NumberBound _bound;
    private readonly NumberNode _limit;

    public NumberBoundKeyword(string name, string schemaLocation, NumberBound bound, NumberNode limit)
        : base(name, schemaLocation)
    {
        _bound = bound;
        _limit = limit;
    }

    public override NodeKind? AppliesTo => NodeKind.Number;

    public override int Cost => 2;

    public override bool Evaluate(Node instance, ErrorCollector? errors)
    {
        var c = NumberNode.Compare((NumberNode)instance, _limit);
        var ok = _bound switch
        {
            NumberBound.Minimum => c >= 0,
            NumberBound.Maximum => c <= 0,
            NumberBound.ExclusiveMinimum => c > 0,
            _ => c < 0,
        };
        if (!ok && errors is not null)
        {
            var limit = _limit.ToJsonText();
            var phrase = _bound switch
            {
                NumberBound.Minimum => $"must be at least {limit}",
                NumberBound.Maximum => $"must be at most {limit}",
                NumberBound.ExclusiveMinimum => $"must be greater than {limit}",
                _ => $"must be less than {limit}",
            };
            errors.Report(this, instance.Position, $"{phrase} (got {((NumberNode)instance).ToJsonText()})");
        }

        return ok;
    }
}

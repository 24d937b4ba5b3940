namespace Reconciler.Schema.Validation.JsonSchema.Keywords;

internal enum NumberBound
{
    Minimum,
    Maximum,
    ExclusiveMinimum,
    ExclusiveMaximum,
}

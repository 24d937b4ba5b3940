using Reconciler.Schema.Validation.JsonSchema.Keywords;

namespace Reconciler.Schema.Validation.JsonSchema;

/// <summary>An error plus the keyword object that raised it, so anyOf/oneOf can reason about why a branch failed.</summary>
internal sealed record Failure(SchemaError Error, Keyword Source, int Depth);

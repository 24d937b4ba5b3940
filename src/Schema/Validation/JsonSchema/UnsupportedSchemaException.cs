using Reconciler.Schema.Loading;

namespace Reconciler.Schema.Validation.JsonSchema;

/// <summary>
/// The schema uses a JSON Schema feature this validator deliberately does not implement (for example
/// <c>unevaluatedProperties</c>, <c>$dynamicRef</c>, or a <c>$ref</c> to a document that was not registered).
/// Thrown at compile time so that nothing is silently left unchecked.
/// </summary>
public sealed class UnsupportedSchemaException : SchemaCompileException
{
    public UnsupportedSchemaException(string keyword, string schemaLocation, SourcePosition position, string reason)
        : base(keyword, schemaLocation, position, reason)
    {
    }
}

using Reconciler.Schema.Loading;

namespace Reconciler.Schema.Validation.JsonSchema;

/// <summary>
/// The schema itself is wrong: a keyword with a value of the wrong shape, a pattern that is not a regular
/// expression, a <c>$ref</c> that points nowhere, or references that would loop forever.
/// </summary>
public sealed class InvalidSchemaException : SchemaCompileException
{
    public InvalidSchemaException(string keyword, string schemaLocation, SourcePosition position, string reason, Exception? inner = null)
        : base(keyword, schemaLocation, position, reason, inner)
    {
    }
}

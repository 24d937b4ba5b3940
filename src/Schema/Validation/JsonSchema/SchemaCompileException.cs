using Reconciler.Schema.Loading;

namespace Reconciler.Schema.Validation.JsonSchema;

/// <summary>A schema could not be compiled; says which keyword, where in the schema, and why.</summary>
public abstract class SchemaCompileException : Exception
{
    protected SchemaCompileException(string keyword, string schemaLocation, SourcePosition position, string reason, Exception? inner = null)
        : base(Format(keyword, schemaLocation, position, reason), inner)
    {
        Keyword = keyword;
        SchemaLocation = schemaLocation;
        Position = position;
        Reason = reason;
    }

    /// <summary>The keyword at fault, e.g. <c>unevaluatedProperties</c>.</summary>
    public string Keyword { get; }

    /// <summary>Schema document URI (empty for the main document without <c>$id</c>) plus <c>#</c> and a JSON pointer.</summary>
    public string SchemaLocation { get; }

    /// <summary>Where the keyword is written in the schema file.</summary>
    public SourcePosition Position { get; }

    public string Reason { get; }

    private static string Format(string keyword, string schemaLocation, SourcePosition position, string reason)
    {
        var at = position.IsKnown ? $"{position}: " : "";
        return $"{at}schema keyword '{keyword}' at {schemaLocation}: {reason}";
    }
}

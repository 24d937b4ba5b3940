using Reconciler.Schema.Loading;

namespace Reconciler.Schema.Validation.JsonSchema.Keywords;

/// <summary>One compiled assertion or applicator.</summary>
internal abstract class Keyword
{
    protected Keyword(string name, string schemaLocation)
    {
        Name = name;
        SchemaLocation = schemaLocation;
    }

    public string Name { get; }

    /// <summary>Document URI, '#', and the pointer to this keyword in the schema.</summary>
    public string SchemaLocation { get; }

    /// <summary>The only instance kind this keyword looks at; null for all kinds.</summary>
    public virtual NodeKind? AppliesTo => null;

    /// <summary>Evaluation order: cheap, decisive checks (type, enum) first so the fast path fails early.</summary>
    public virtual int Cost => 50;

    /// <summary>Subschemas applied to the same instance (not a child of it); cycles through these never end.</summary>
    public virtual IEnumerable<SchemaNode> InPlaceSubschemas => [];

    /// <summary>
    /// Checks a bare string (a property name) without wrapping it in a node; null when this keyword needs the
    /// node, and the caller falls back to <see cref="Evaluate"/>.
    /// </summary>
    public virtual bool? AcceptsString(string value) => null;

    /// <summary>True when the instance passes. Records errors only when <paramref name="errors"/> is given.</summary>
    public abstract bool Evaluate(Node instance, ErrorCollector? errors);
}

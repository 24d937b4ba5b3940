using Reconciler.Schema.Loading;

namespace Reconciler.Schema.Validation.JsonSchema;

/// <summary>
/// A compiled JSON Schema (draft 2020-12) that validates positioned <see cref="Node"/> trees.
/// Compile once, then call <see cref="Validate"/> or <see cref="IsValid"/> as often as needed, from any thread:
/// a compiled schema is immutable. Valid documents are checked without allocating; errors are worded for the
/// person editing the YAML and point at the offending line and column.
/// </summary>
/// <remarks>
/// Supported: type, enum, const, the numeric, string, array and object assertions, properties,
/// patternProperties, additionalProperties, propertyNames, prefixItems, items, contains/minContains/maxContains,
/// allOf, anyOf, oneOf, not, if/then/else, dependentRequired, dependentSchemas, $ref/$defs/$id/$anchor, boolean
/// schemas, and format as an assertion for email, idn-email, hostname, idn-hostname, ipv4, ipv6, date,
/// date-time, duration and uri. Annotations are accepted and ignored. Unsupported keywords
/// (unevaluatedProperties, unevaluatedItems, $dynamicRef, other dialects) make <see cref="Compile"/> throw
/// <see cref="UnsupportedSchemaException"/>. Unknown keywords are ignored, as the specification requires, and
/// listed in <see cref="IgnoredKeywords"/>.
/// </remarks>
public sealed class CompiledSchema
{
    private readonly SchemaNode _root;

    private CompiledSchema(SchemaNode root, IReadOnlyList<IgnoredKeyword> ignored)
    {
        _root = root;
        IgnoredKeywords = ignored;
    }

    /// <summary>Unknown keywords and unchecked formats found while compiling (nothing was checked for them).</summary>
    public IReadOnlyList<IgnoredKeyword> IgnoredKeywords { get; }

    /// <summary>Compiles a schema document.</summary>
    /// <param name="schemaDocument">The schema, e.g. from <see cref="NodeJson.Parse"/>.</param>
    /// <param name="baseUri">The document's URI, for resolving relative <c>$id</c> and <c>$ref</c>; its own
    /// <c>$id</c> takes precedence.</param>
    /// <param name="documents">Further schema documents that <c>$ref</c> may point to, by URI (their own
    /// <c>$id</c>s are registered too). Nothing is ever fetched from the network.</param>
    /// <exception cref="UnsupportedSchemaException">The schema uses a feature this validator does not implement.</exception>
    /// <exception cref="InvalidSchemaException">The schema is malformed.</exception>
    public static CompiledSchema Compile(Node schemaDocument, Uri? baseUri = null, IReadOnlyDictionary<Uri, Node>? documents = null)
    {
        ArgumentNullException.ThrowIfNull(schemaDocument);
        var compiler = new SchemaCompiler();
        var root = compiler.Compile(schemaDocument, baseUri, documents);
        return new CompiledSchema(root, compiler.Ignored);
    }

    /// <summary>True when the instance is valid. Stops at the first problem and allocates nothing.</summary>
    public bool IsValid(Node instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        try
        {
            return _root.Evaluate(instance, null);
        }
        catch (InsufficientExecutionStackException)
        {
            return false;
        }
    }

    /// <summary>All errors, in document order; empty when the instance is valid.</summary>
    public IReadOnlyList<SchemaError> Validate(Node instance)
    {
        if (IsValid(instance))
        {
            return [];
        }

        var collector = new ErrorCollector();
        try
        {
            _root.Evaluate(instance, collector);
        }
        catch (InsufficientExecutionStackException)
        {
            return [new SchemaError("", "", _root.Location, "", "the document is nested too deeply to validate", instance.Position)];
        }

        var errors = collector.Failures.Select(f => f.Error).Distinct().ToList();

        // Stable: errors at the same place keep the order the keywords produced them in.
        return errors
            .Select((e, i) => (e, i))
            .OrderBy(x => x.e.Position.File, StringComparer.Ordinal)
            .ThenBy(x => x.e.Position.Line)
            .ThenBy(x => x.e.Position.Column)
            .ThenBy(x => x.i)
            .Select(x => x.e)
            .ToList();
    }
}

using Reconciler.Schema.Loading;
using Reconciler.Schema.Validation;
using Reconciler.Schema.Validation.JsonSchema;

namespace Reconciler.Migration;

/// <summary>The embedded migration-job.schema.json, compiled once; schema errors become coded diagnostics.</summary>
public sealed class MigrationJobSchema
{
    public const string ResourceName = "migration-job.schema.json";

    private readonly CompiledSchema _compiled;

    private MigrationJobSchema(CompiledSchema compiled) => _compiled = compiled;

    public static string Text()
    {
        using var stream = typeof(MigrationJobSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException(ResourceName + " is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static MigrationJobSchema LoadEmbedded() =>
        new(CompiledSchema.Compile(NodeJson.Parse(Text(), ResourceName)));

    public IReadOnlyList<Diagnostic> Validate(Node document)
    {
        var errors = _compiled.Validate(document);
        var result = new List<Diagnostic>(errors.Count);
        foreach (var e in errors)
        {
            var rule = e.Keyword switch
            {
                "type" => MigrationJobRules.SchemaType,
                "required" or "dependentRequired" => MigrationJobRules.SchemaRequired,
                "additionalProperties" or "propertyNames" => MigrationJobRules.SchemaUnknownProperty,
                "enum" or "const" => MigrationJobRules.SchemaValue,
                "pattern" or "format" => MigrationJobRules.SchemaFormat,
                "minimum" or "maximum" or "exclusiveMinimum" or "exclusiveMaximum" or "multipleOf" or "minLength" or "maxLength"
                    or "minItems" or "maxItems" => MigrationJobRules.SchemaRange,
                _ => MigrationJobRules.SchemaOther,
            };
            var where = e.InstanceLocation.Length == 0 ? "" : $"{ManifestSchema.Readable(e.InstanceLocation)}: ";
            var message = where + e.Message;
            var hint = rule.Hint;
            if (e.Keyword == "pattern" && e.InstanceLocation.EndsWith("/password", StringComparison.Ordinal))
            {
                // Never echo what was written there: it may be a password typed in by mistake.
                message = $"{ManifestSchema.Readable(e.InstanceLocation)}: a password is given as 'env:NAME' or 'file:/path', never written into the job";
                hint = "put the password in an environment variable or a file readable only by you, and reference it";
            }

            result.Add(rule.At(e.Position, message) with { Hint = hint });
        }

        return result;
    }
}

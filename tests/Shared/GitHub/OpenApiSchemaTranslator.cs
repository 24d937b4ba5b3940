using System.Text.Json;
using System.Text.Json.Nodes;
using Reconciler.Schema.Loading;
using Reconciler.Schema.Validation.JsonSchema;

namespace Reconciler.Tests.Shared.GitHub;

/// <summary>
/// Turns an OpenAPI 3.0 schema object into JSON Schema 2020-12 and compiles it with our own validator
/// (src/Schema/Validation/JsonSchema). Reused rather than writing an OpenAPI checker because the validator already
/// passes the official JSON Schema suite; what 3.0 does differently is small and mechanical:
/// <list type="bullet">
/// <item><c>nullable: true</c> → <c>"null"</c> added to <c>type</c> (and to <c>enum</c>); without a <c>type</c>
/// (e.g. beside <c>allOf</c>) the schema becomes <c>anyOf: [{type: null}, schema]</c>.</item>
/// <item>3.0-only keywords (<c>example</c>, <c>discriminator</c>, <c>xml</c>, <c>externalDocs</c>, <c>x-*</c>) are
/// dropped: they assert nothing.</item>
/// <item><c>items</c>, <c>oneOf</c>/<c>anyOf</c>/<c>allOf</c>, <c>additionalProperties</c> (default true) and
/// <c>enum</c> mean the same in both.</item>
/// </list>
/// Formats the validator does not know (int64, uri-template, …) are not checked; date-time, email and uri are.
/// </summary>
internal static class OpenApiSchemaTranslator
{
    private static readonly HashSet<string> Dropped = new(StringComparer.Ordinal) { "example", "discriminator", "xml", "externalDocs", "nullable" };

    public static CompiledSchema Compile(JsonElement openApiSchema, string name)
    {
        var translated = Translate(JsonNode.Parse(openApiSchema.GetRawText())!);
        return CompiledSchema.Compile(NodeJson.Parse(translated.ToJsonString(), name));
    }

    public static JsonNode Translate(JsonNode schema)
    {
        if (schema is not JsonObject obj)
        {
            return schema.DeepClone();
        }

        var result = new JsonObject();
        foreach (var (key, value) in obj)
        {
            if (Dropped.Contains(key) || key.StartsWith("x-", StringComparison.Ordinal) || value is null)
            {
                continue;
            }

            result[key] = key switch
            {
                "properties" or "patternProperties" => SchemaMap((JsonObject)value),
                "items" or "additionalProperties" or "not" => Translate(value),
                "allOf" or "anyOf" or "oneOf" => new JsonArray(((JsonArray)value).Select(v => (JsonNode?)Translate(v!)).ToArray()),
                _ => value.DeepClone(),
            };
        }

        if (obj["nullable"] is JsonValue n && n.GetValueKind() == JsonValueKind.True)
        {
            if (result["type"] is JsonValue t && t.GetValueKind() == JsonValueKind.String)
            {
                result["type"] = new JsonArray(t.GetValue<string>(), "null");
                if (result["enum"] is JsonArray e && !e.Any(v => v is null))
                {
                    e.Add(null);
                }
            }
            else
            {
                return new JsonObject { ["anyOf"] = new JsonArray(new JsonObject { ["type"] = "null" }, result) };
            }
        }

        return result;
    }

    private static JsonObject SchemaMap(JsonObject map)
    {
        var result = new JsonObject();
        foreach (var (name, schema) in map)
        {
            result[name] = schema is null ? null : Translate(schema);
        }

        return result;
    }
}

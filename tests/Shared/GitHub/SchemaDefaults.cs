using System.Text.Json;
using System.Text.Json.Nodes;

namespace Reconciler.Tests.Shared.GitHub;

/// <summary>
/// Fills in required properties an answer lacks, from the documented response schema: GitHub's examples are not
/// always complete (team-full's example has no <c>type</c>, its organization no <c>archived_at</c>), and Octokit
/// reads what the schema promises. A missing value becomes null when the schema allows it, else the first enum
/// value, else an empty value of its type (a date-time or URI one when the format asks for it).
/// </summary>
internal static class SchemaDefaults
{
    public static void Complete(JsonNode? value, JsonElement schema, string baseUrl)
    {
        if (schema.ValueKind != JsonValueKind.Object || value is null)
        {
            return;
        }

        if (schema.TryGetProperty("allOf", out var all))
        {
            foreach (var s in all.EnumerateArray())
            {
                Complete(value, s, baseUrl);
            }
        }

        if (value is JsonArray array && schema.TryGetProperty("items", out var items))
        {
            foreach (var item in array)
            {
                Complete(item, items, baseUrl);
            }

            return;
        }

        if (value is not JsonObject obj || !schema.TryGetProperty("properties", out var properties))
        {
            return;
        }

        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
            {
                if (!obj.ContainsKey(name) && properties.TryGetProperty(name, out var propertySchema))
                {
                    obj[name] = Default(propertySchema, baseUrl);
                }
            }
        }

        foreach (var (name, child) in obj.ToList())
        {
            if (child is not null && properties.TryGetProperty(name, out var childSchema))
            {
                Complete(child, childSchema, baseUrl);
            }
        }
    }

    private static JsonNode? Default(JsonElement schema, string baseUrl)
    {
        if (schema.TryGetProperty("nullable", out var n) && n.ValueKind == JsonValueKind.True)
        {
            return null;
        }

        if (schema.TryGetProperty("enum", out var e) && e.GetArrayLength() > 0)
        {
            return JsonNode.Parse(e[0].GetRawText());
        }

        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        var type = schema.TryGetProperty("type", out var t) ? t.GetString() : null;
        if (type is null && schema.TryGetProperty("allOf", out var all) && all.GetArrayLength() == 1)
        {
            return Default(all[0], baseUrl);
        }

        JsonNode? value = type switch
        {
            "string" when format == "date-time" => "1970-01-01T00:00:00Z",
            "string" when format == "uri" => baseUrl,
            "string" when format == "email" => "noreply@example.invalid",
            "string" => "",
            "integer" or "number" => 0,
            "boolean" => false,
            "array" => new JsonArray(),
            "object" => new JsonObject(),
            _ => null,
        };
        Complete(value, schema, baseUrl);
        return value;
    }
}

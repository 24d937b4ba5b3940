using System.Text.Json;

namespace Reconciler.Tests.Shared.GitHub;

/// <summary>A documented path, query or header parameter.</summary>
internal sealed record OpenApiParameter(string Name, string In, bool Required, JsonElement Schema)
{
    /// <summary>The JSON value a raw parameter string stands for, per its schema's type (path and query values
    /// arrive as text); null when the text is not of that type.</summary>
    public string? AsJson(string raw)
    {
        var type = Schema.ValueKind == JsonValueKind.Object && Schema.TryGetProperty("type", out var t) ? t.GetString() : "string";
        return type switch
        {
            "integer" => long.TryParse(raw, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var l) ? l.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
            "number" => double.TryParse(raw, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : null,
            "boolean" => raw is "true" or "false" ? raw : null,
            "array" => System.Text.Json.JsonSerializer.Serialize(raw.Split(',')),
            _ => System.Text.Json.JsonSerializer.Serialize(raw),
        };
    }
}

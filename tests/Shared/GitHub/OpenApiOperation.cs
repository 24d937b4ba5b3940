using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Reconciler.Schema.Validation.JsonSchema;

namespace Reconciler.Tests.Shared.GitHub;

/// <summary>One documented operation (method + path template) with its parameters, request body and responses.
/// Schemas are translated and compiled on first use and kept: a compiled schema is immutable.</summary>
internal sealed class OpenApiOperation
{
    private readonly JsonElement _element;
    private readonly ConcurrentDictionary<string, Lazy<CompiledSchema?>> _schemas = new(StringComparer.Ordinal);

    public OpenApiOperation(string method, PathTemplate template, JsonElement element)
    {
        Method = method;
        Template = template;
        _element = element;
        OperationId = element.GetProperty("operationId").GetString()!;
        var parameters = new List<OpenApiParameter>();
        if (element.TryGetProperty("parameters", out var ps))
        {
            foreach (var p in ps.EnumerateArray())
            {
                parameters.Add(new OpenApiParameter(
                    p.GetProperty("name").GetString()!,
                    p.GetProperty("in").GetString()!,
                    p.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.True,
                    p.TryGetProperty("schema", out var s) ? s : default));
            }
        }

        Parameters = parameters;
        if (element.TryGetProperty("requestBody", out var body))
        {
            HasRequestBody = true;
            RequestBodyRequired = body.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.True;
        }
    }

    public string Method { get; }

    public PathTemplate Template { get; }

    public string OperationId { get; }

    public IReadOnlyList<OpenApiParameter> Parameters { get; }

    public bool HasRequestBody { get; }

    public bool RequestBodyRequired { get; }

    /// <summary>"POST /repos/{owner}/{repo}/statuses/{sha}".</summary>
    public string Signature => $"{Method} {Template}";

    /// <summary>Media types the request body may have (application/json for the JSON ones).</summary>
    public IEnumerable<string> RequestMediaTypes =>
        HasRequestBody && _element.GetProperty("requestBody").TryGetProperty("content", out var c)
            ? c.EnumerateObject().Select(p => p.Name)
            : [];

    public IEnumerable<int> DocumentedStatuses =>
        _element.GetProperty("responses").EnumerateObject()
            .Select(p => int.TryParse(p.Name, out var s) ? s : -1).Where(s => s > 0);

    public CompiledSchema? RequestBodySchema =>
        Compiled("body", () => _element.GetProperty("requestBody").TryGetProperty("content", out var c)
                               && c.TryGetProperty("application/json", out var json)
                               && json.TryGetProperty("schema", out var s) ? s : null);

    public CompiledSchema? ParameterSchema(OpenApiParameter parameter) =>
        Compiled("param:" + parameter.In + ":" + parameter.Name,
            () => parameter.Schema.ValueKind == JsonValueKind.Object ? parameter.Schema : null);

    /// <summary>The documented JSON schema of a response, or null when the status has no JSON body.</summary>
    public CompiledSchema? ResponseSchema(int status) =>
        Compiled("response:" + status, () => ResponseJson(status) is { } json && json.TryGetProperty("schema", out var s) ? s : null);

    /// <summary>The documented (OpenAPI) schema of a response's JSON body, if any.</summary>
    public JsonElement? ResponseSchemaElement(int status) =>
        ResponseJson(status) is { } json && json.TryGetProperty("schema", out var s) ? s : null;

    /// <summary>A copy of the documented example body for a status (the "default" example, or the first one).</summary>
    public JsonNode? Example(int status)
    {
        if (ResponseJson(status) is not { } json || !json.TryGetProperty("examples", out var examples))
        {
            return null;
        }

        var chosen = examples.TryGetProperty("default", out var d) ? d : examples.EnumerateObject().First().Value;
        return chosen.TryGetProperty("value", out var value) ? JsonNode.Parse(value.GetRawText()) : null;
    }

    public override string ToString() => $"{OperationId} ({Signature})";

    private JsonElement? ResponseJson(int status) =>
        _element.GetProperty("responses").TryGetProperty(status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var r)
        && r.ValueKind == JsonValueKind.Object
        && r.TryGetProperty("content", out var c)
        && c.TryGetProperty("application/json", out var json)
            ? json
            : null;

    private CompiledSchema? Compiled(string key, Func<JsonElement?> find) =>
        _schemas.GetOrAdd(key, _ => new Lazy<CompiledSchema?>(() =>
            find() is { } schema ? OpenApiSchemaTranslator.Compile(schema, $"{OperationId} {key}") : null)).Value;
}

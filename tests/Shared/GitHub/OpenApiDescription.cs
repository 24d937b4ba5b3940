using System.Collections.Concurrent;
using System.Text.Json;

namespace Reconciler.Tests.Shared.GitHub;

/// <summary>
/// GitHub's published OpenAPI description (the dereferenced file: every <c>$ref</c> already inlined), indexed by
/// method and path template. Parsing the 70 MB file takes about a second, so each file is parsed once per test
/// process and shared: the parsed document is never modified, only read.
/// </summary>
internal sealed class OpenApiDescription
{
    private static readonly ConcurrentDictionary<string, Lazy<OpenApiDescription>> Loaded = new(StringComparer.Ordinal);

    private static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    private readonly Dictionary<string, OpenApiOperation> _byId;

    private OpenApiDescription(string file, JsonDocument document)
    {
        File = file;
        Document = document;
        var operations = new List<OpenApiOperation>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            var template = PathTemplate.Parse(path.Name, path.Value);
            foreach (var method in Methods)
            {
                if (path.Value.TryGetProperty(method, out var op))
                {
                    operations.Add(new OpenApiOperation(method.ToUpperInvariant(), template, op));
                }
            }
        }

        Operations = operations;
        _byId = operations.ToDictionary(o => o.OperationId, StringComparer.Ordinal);
    }

    public string File { get; }

    public JsonDocument Document { get; }

    public IReadOnlyList<OpenApiOperation> Operations { get; }

    public static OpenApiDescription Load(string file) =>
        Loaded.GetOrAdd(Path.GetFullPath(file), f => new Lazy<OpenApiDescription>(() => Parse(f))).Value;

    public OpenApiOperation ById(string operationId) =>
        _byId.TryGetValue(operationId, out var op)
            ? op
            : throw new ArgumentException($"'{operationId}' is not an operationId of {Path.GetFileName(File)}", nameof(operationId));

    public bool HasOperation(string operationId) => _byId.ContainsKey(operationId);

    /// <summary>The documented operation for a request path (without the base path), preferring literal segments
    /// over parameters, as GitHub's router does (<c>/issues/comments</c> before <c>/issues/{issue_number}</c>).</summary>
    /// <param name="pathDocumented">Whether any method is documented for the path, for the violation's wording.</param>
    public OpenApiOperation? Match(string method, string path, out IReadOnlyDictionary<string, string> pathValues, out bool pathDocumented)
    {
        OpenApiOperation? best = null;
        IReadOnlyDictionary<string, string> bestValues = new Dictionary<string, string>();
        var bestScore = "";
        pathDocumented = false;
        var segments = path.Trim('/').Split('/');
        foreach (var op in Operations)
        {
            if (!op.Template.TryMatch(segments, out var values, out var score))
            {
                continue;
            }

            pathDocumented = true;
            if (op.Method == method && (best is null || string.CompareOrdinal(score, bestScore) > 0))
            {
                best = op;
                bestValues = values;
                bestScore = score;
            }
        }

        pathValues = bestValues;
        return best;
    }

    private static OpenApiDescription Parse(string file)
    {
        using var stream = System.IO.File.OpenRead(file);
        return new OpenApiDescription(file, JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 512 }));
    }
}

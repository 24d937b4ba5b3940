using System.Globalization;
using System.Text;
using Reconciler.Schema.Loading;
using Reconciler.Schema.Validation.JsonSchema.Keywords;

namespace Reconciler.Schema.Validation.JsonSchema;

/// <summary>
/// The slow path: only created once a document is known to be invalid. Tracks where evaluation is (in the
/// document and in the schema) so each error can say both.
/// </summary>
internal sealed class ErrorCollector
{
    private readonly List<Segment> _instancePath = [];
    private readonly List<string> _evaluationPath = [];

    public List<Failure> Failures { get; set; } = [];

    /// <summary>How many levels below the document root evaluation currently is.</summary>
    public int Depth => _instancePath.Count;

    public void EnterInstance(string key) => _instancePath.Add(new Segment(key, 0));

    public void EnterInstance(int index) => _instancePath.Add(new Segment(null, index));

    public void LeaveInstance() => _instancePath.RemoveAt(_instancePath.Count - 1);

    public void EnterKeyword(string segment) => _evaluationPath.Add(segment);

    public void EnterKeyword(string segment, string next)
    {
        _evaluationPath.Add(segment);
        _evaluationPath.Add(next);
    }

    public void EnterKeyword(string segment, int index)
    {
        _evaluationPath.Add(segment);
        _evaluationPath.Add(index.ToString(CultureInfo.InvariantCulture));
    }

    public void LeaveKeyword(int count = 1) => _evaluationPath.RemoveRange(_evaluationPath.Count - count, count);

    public string InstancePointer
    {
        get
        {
            if (_instancePath.Count == 0)
            {
                return "";
            }

            var sb = new StringBuilder();
            foreach (var s in _instancePath)
            {
                sb.Append('/');
                if (s.Key is null)
                {
                    sb.Append(s.Index.ToString(CultureInfo.InvariantCulture));
                }
                else
                {
                    sb.Append(JsonPointer.Escape(s.Key));
                }
            }

            return sb.ToString();
        }
    }

    public void Report(Keyword keyword, SourcePosition position, string message) =>
        ReportAt(keyword, InstancePointer, Depth, position, message);

    /// <summary>Reports about a value below the current one (anyOf/oneOf summarising a discriminator).</summary>
    public void ReportAt(Keyword keyword, string instancePointer, int depth, SourcePosition position, string message)
    {
        var sb = new StringBuilder();
        foreach (var s in _evaluationPath)
        {
            sb.Append('/').Append(JsonPointer.Escape(s));
        }

        if (keyword.Name.Length > 0)
        {
            sb.Append('/').Append(JsonPointer.Escape(keyword.Name));
        }

        var error = new SchemaError(instancePointer, sb.ToString(), keyword.SchemaLocation, keyword.Name, message, position);
        Failures.Add(new Failure(error, keyword, depth));
    }

    /// <summary>Reports about a property key: the error points at the key itself and at the property's location.</summary>
    public void ReportKey(Keyword keyword, MapEntry entry, string message)
    {
        EnterInstance(entry.Key);
        Report(keyword, entry.KeyPosition, message);
        LeaveInstance();
    }

    private readonly record struct Segment(string? Key, int Index);
}

using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Reconciler.Schema.Loading;

/// <summary>Converts between <see cref="Node"/> trees and JSON text. JSON input keeps line and column too.</summary>
public static class NodeJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Parses JSON text; positions are computed from byte offsets so errors can point into JSON files too.</summary>
    public static Node Parse(string json, string file = "")
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var lines = new LineIndex(bytes);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = false });
        if (!reader.Read())
        {
            throw new JsonException($"{file}: empty JSON document");
        }

        var node = Read(ref reader, file, lines);
        if (reader.Read())
        {
            throw new JsonException($"{file}: more than one JSON value");
        }

        return node;
    }

    /// <summary>Converts an already parsed JSON element (positions unknown).</summary>
    public static Node FromElement(JsonElement element) => Parse(element.GetRawText());

    public static string Write(Node node, bool indented = false)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions with { Indented = indented }))
        {
            Write(writer, node);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void Write(Utf8JsonWriter writer, Node node)
    {
        switch (node)
        {
            case MapNode map:
                writer.WriteStartObject();
                foreach (var e in map.Entries)
                {
                    writer.WritePropertyName(e.Key);
                    Write(writer, e.Value);
                }

                writer.WriteEndObject();
                break;
            case ListNode list:
                writer.WriteStartArray();
                foreach (var item in list.Items)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case StringNode s:
                writer.WriteStringValue(s.Value);
                break;
            case NumberNode n:
                writer.WriteRawValue(n.ToJsonText(), skipInputValidation: true);
                break;
            case BooleanNode b:
                writer.WriteBooleanValue(b.Value);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }

    private static Node Read(ref Utf8JsonReader reader, string file, LineIndex lines)
    {
        var position = lines.At(file, reader.TokenStartIndex);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
            {
                var entries = new List<MapEntry>();
                var seen = new HashSet<string>(StringComparer.Ordinal);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var keyPosition = lines.At(file, reader.TokenStartIndex);
                    var key = reader.GetString()!;
                    reader.Read();
                    var value = Read(ref reader, file, lines);
                    if (!seen.Add(key))
                    {
                        throw new JsonException($"{keyPosition}: duplicate key '{key}'");
                    }

                    entries.Add(new MapEntry(key, keyPosition, value));
                }

                return new MapNode(entries, position);
            }

            case JsonTokenType.StartArray:
            {
                var items = new List<Node>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(Read(ref reader, file, lines));
                }

                return new ListNode(items, position);
            }

            case JsonTokenType.String:
                return new StringNode(reader.GetString()!, position);
            case JsonTokenType.Number:
                return NumberNode.Parse(Encoding.UTF8.GetString(reader.ValueSpan), position)
                    ?? throw new JsonException($"{position}: bad number");
            case JsonTokenType.True:
                return new BooleanNode(true, position);
            case JsonTokenType.False:
                return new BooleanNode(false, position);
            default:
                return new NullNode(position);
        }
    }

    /// <summary>Maps byte offsets to 1-based line and column (columns count UTF-8 bytes, good enough for JSON).</summary>
    private sealed class LineIndex
    {
        private readonly List<long> _starts = [0];

        public LineIndex(byte[] bytes)
        {
            for (var i = 0; i < bytes.Length; i++)
            {
                if (bytes[i] == (byte)'\n')
                {
                    _starts.Add(i + 1);
                }
            }
        }

        public SourcePosition At(string file, long offset)
        {
            var i = _starts.BinarySearch(offset);
            if (i < 0)
            {
                i = ~i - 1;
            }

            return new SourcePosition(file, i + 1, (int)(offset - _starts[i]) + 1);
        }
    }
}

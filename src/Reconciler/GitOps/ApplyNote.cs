using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Reconciler.GitOps;

/// <summary>
/// One apply as recorded in a git note (<see cref="GitRepository.NotesRef"/>) on the commit that caused it: one JSON
/// object per line, so notes from several writers merge by line union.
/// </summary>
/// <param name="Kind"><c>apply</c> (Git changed), <c>revert</c> (drift put back to Git's state).</param>
/// <param name="Result">succeeded, failed, waiting (staged cutover), interrupted (the daemon stopped or died mid-way).</param>
public sealed record ApplyNote(
    string Domain,
    string Kind,
    long ApplyId,
    string Result,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    string DaemonVersion,
    IReadOnlyList<ApplyNoteStep> Steps)
{
    public double? DurationSeconds => EndedAt is { } end ? Math.Round((end - StartedAt).TotalSeconds, 3) : null;

    public string ToLine()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("type", "apply");
            w.WriteString("domain", Domain);
            w.WriteString("kind", Kind);
            w.WriteNumber("applyId", ApplyId);
            w.WriteString("result", Result);
            w.WriteString("startedAt", StartedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            if (EndedAt is { } end)
            {
                w.WriteString("endedAt", end.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
                w.WriteNumber("durationSeconds", DurationSeconds!.Value);
            }

            w.WriteString("daemonVersion", DaemonVersion);
            w.WriteStartArray("steps");
            foreach (var s in Steps)
            {
                w.WriteStartObject();
                w.WriteNumber("index", s.Index);
                w.WriteString("action", s.Action);
                w.WriteString("resource", s.Resource);
                w.WriteString("result", s.Result);
                if (s.Error is not null)
                {
                    w.WriteString("error", s.Error);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The note line as an apply record; null for lines of other kinds or other tools.</summary>
    public static ApplyNote? TryParse(string line)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            var r = doc.RootElement;
            if (r.ValueKind != JsonValueKind.Object || !r.TryGetProperty("type", out var t) || t.GetString() != "apply")
            {
                return null;
            }

            var steps = r.GetProperty("steps").EnumerateArray().Select(s => new ApplyNoteStep(
                s.GetProperty("index").GetInt32(),
                s.GetProperty("action").GetString()!,
                s.GetProperty("resource").GetString()!,
                s.GetProperty("result").GetString()!,
                s.TryGetProperty("error", out var e) ? e.GetString() : null)).ToList();
            return new ApplyNote(
                r.GetProperty("domain").GetString()!,
                r.GetProperty("kind").GetString()!,
                r.GetProperty("applyId").GetInt64(),
                r.GetProperty("result").GetString()!,
                DateTimeOffset.Parse(r.GetProperty("startedAt").GetString()!, CultureInfo.InvariantCulture),
                r.TryGetProperty("endedAt", out var end) ? DateTimeOffset.Parse(end.GetString()!, CultureInfo.InvariantCulture) : null,
                r.GetProperty("daemonVersion").GetString()!,
                steps);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}

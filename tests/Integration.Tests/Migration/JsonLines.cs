using System.Text.Json;

namespace Reconciler.Integration.Tests.Migration;

/// <summary>Parses `migrate --progress json` output: every line must be a JSON object with an "event".</summary>
public static class JsonLines
{
    public static IReadOnlyList<JsonElement> Parse(string stdout)
    {
        var events = new List<JsonElement>();
        foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            using var doc = JsonDocument.Parse(line);
            doc.RootElement.TryGetProperty("event", out _).Should().BeTrue($"every line is an event: {line}");
            events.Add(doc.RootElement.Clone());
        }

        return events;
    }

    public static IEnumerable<JsonElement> Named(this IReadOnlyList<JsonElement> events, string name) =>
        events.Where(e => e.GetProperty("event").GetString() == name);

    public static JsonElement Mailbox(this JsonElement report, string name) =>
        report.GetProperty("mailboxes").EnumerateArray().Single(m => m.GetProperty("name").GetString() == name);
}

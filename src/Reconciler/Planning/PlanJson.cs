using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Reconciler.Dns;
using Reconciler.Dns.Records;
using Reconciler.Providers;
using Reconciler.Schema.Model;

namespace Reconciler.Planning;

/// <summary>
/// Plans as JSON, both for tools (`plan --format json`) and for saved plans (`plan --out`, `apply plan.json`).
/// The shape is documented by plan.schema.json in this folder; record data is in presentation format, so a saved
/// plan reads like the text output and round-trips exactly.
/// </summary>
public static class PlanJson
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(Plan plan)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Options))
        {
            w.WriteStartObject();
            w.WriteNumber("formatVersion", Plan.FormatVersion);
            w.WriteString("createdAt", plan.CreatedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            w.WriteString("portfolio", plan.Portfolio);
            WriteNullable(w, "commit", plan.Commit);
            w.WriteString("fingerprint", plan.Fingerprint);
            w.WriteStartObject("summary");
            w.WriteNumber("create", plan.ToCreate);
            w.WriteNumber("update", plan.ToUpdate);
            w.WriteNumber("delete", plan.ToDelete);
            w.WriteNumber("domainsWithChanges", plan.DomainsWithChanges);
            w.WriteBoolean("blocked", plan.IsBlocked);
            w.WriteBoolean("errors", plan.HasErrors);
            w.WriteEndObject();
            w.WriteStartArray("domains");
            foreach (var d in plan.Domains)
            {
                w.WriteStartObject();
                w.WriteString("domain", d.Domain);
                WriteNullable(w, "dnsProvider", d.DnsProvider);
                WriteNullable(w, "mailProvider", d.MailProvider);
                w.WriteString("liveFingerprint", d.LiveFingerprint);
                WriteNullable(w, "error", d.Error);
                w.WriteStartArray("steps");
                foreach (var s in d.Steps)
                {
                    WriteStep(w, s);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static Plan Read(string json, string source)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            var version = root.GetProperty("formatVersion").GetInt32();
            if (version != Plan.FormatVersion)
            {
                throw new FormatException($"plan format version {version} is not supported (this build reads {Plan.FormatVersion})");
            }

            var domains = root.GetProperty("domains").EnumerateArray().Select(d => new DomainPlan(
                d.GetProperty("domain").GetString()!,
                Str(d, "dnsProvider"),
                Str(d, "mailProvider"),
                d.GetProperty("liveFingerprint").GetString()!,
                d.GetProperty("steps").EnumerateArray().Select(s => ReadStep(s, d.GetProperty("domain").GetString()!)).ToList(),
                Str(d, "error"))).ToList();
            var plan = new Plan(
                DateTimeOffset.Parse(root.GetProperty("createdAt").GetString()!, CultureInfo.InvariantCulture),
                root.GetProperty("portfolio").GetString()!,
                Str(root, "commit"),
                domains);
            var expected = root.GetProperty("fingerprint").GetString();
            if (plan.Fingerprint != expected)
            {
                throw new FormatException($"its fingerprint is {expected} but its content hashes to {plan.Fingerprint}: the file was edited");
            }

            return plan;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or DnsFormatException)
        {
            throw new FormatException($"{source}: not a usable saved plan: {e.Message}", e);
        }
    }

    private static void WriteStep(Utf8JsonWriter w, PlanStep s)
    {
        w.WriteStartObject();
        w.WriteNumber("index", s.Index);
        w.WriteString("action", s.Action.ToString().ToLowerInvariant());
        w.WriteNumber("phase", (int)s.Phase);
        w.WriteString("phaseName", s.Phase.ToString());
        w.WriteString("role", s.Role.ToString().ToLowerInvariant());
        w.WriteString("provider", s.Provider);
        w.WriteString("resource", s.ResourceId);
        w.WriteString("kind", s.Resource.Kind);
        w.WriteString("reason", s.Reason);
        w.WriteString("risk", s.Risk.ToString().ToLowerInvariant());
        WriteNullable(w, "notBefore", s.NotBefore?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        if (s.WaitAfterPrevious is { } wait)
        {
            w.WriteNumber("waitAfterPreviousSeconds", (long)wait.TotalSeconds);
        }
        else
        {
            w.WriteNull("waitAfterPreviousSeconds");
        }

        WriteNullable(w, "blocked", s.Blocked);
        WriteNullable(w, "purpose", s.Purpose);
        w.WritePropertyName("before");
        WriteResource(w, s.Before);
        w.WritePropertyName("after");
        WriteResource(w, s.After);
        w.WriteEndObject();
    }

    private static void WriteResource(Utf8JsonWriter w, Resource? r)
    {
        if (r is null)
        {
            w.WriteNullValue();
            return;
        }

        w.WriteStartObject();
        w.WriteString("kind", r.Kind);
        switch (r)
        {
            case RecordSetResource rs:
                w.WriteString("zone", rs.Zone.ToString());
                w.WriteString("name", rs.Set.Name.ToString());
                w.WriteString("type", rs.Set.Type.ToString());
                w.WriteNumber("ttl", rs.Set.Ttl);
                w.WriteStartArray("values");
                foreach (var d in rs.Set.Records)
                {
                    w.WriteStringValue(d.ToPresentation());
                }

                w.WriteEndArray();
                break;
            case ZoneResource z:
                w.WriteString("origin", z.Origin.ToString());
                break;
            case MailDomainResource m:
                w.WriteString("domain", m.Domain);
                break;
            case MailboxResource b:
                w.WriteString("address", b.Address);
                w.WriteString("state", b.State.ToString().ToLowerInvariant());
                WriteNullable(w, "quota", b.Quota);
                WriteNullable(w, "displayName", b.DisplayName);
                break;
            case RouteResource x:
                w.WriteString("address", x.Address);
                w.WriteStartArray("targets");
                foreach (var t in x.Targets)
                {
                    w.WriteStringValue(t);
                }

                w.WriteEndArray();
                w.WriteString("routeKind", x.RouteKind.ToString().ToLowerInvariant());
                break;
        }

        w.WriteEndObject();
    }

    private static PlanStep ReadStep(JsonElement s, string domain) => new(
        s.GetProperty("index").GetInt32(),
        domain,
        Enum.Parse<StepAction>(s.GetProperty("action").GetString()!, ignoreCase: true),
        (Phase)s.GetProperty("phase").GetInt32(),
        Enum.Parse<ProviderRole>(s.GetProperty("role").GetString()!, ignoreCase: true),
        s.GetProperty("provider").GetString()!,
        ReadResource(s.GetProperty("before")),
        ReadResource(s.GetProperty("after")),
        s.GetProperty("reason").GetString()!,
        Enum.Parse<Risk>(s.GetProperty("risk").GetString()!, ignoreCase: true),
        Str(s, "notBefore") is { } nb ? DateTimeOffset.Parse(nb, CultureInfo.InvariantCulture) : null,
        s.TryGetProperty("waitAfterPreviousSeconds", out var wait) && wait.ValueKind == JsonValueKind.Number ? TimeSpan.FromSeconds(wait.GetInt64()) : null,
        Str(s, "blocked"),
        Str(s, "purpose"));

    private static Resource? ReadResource(JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var kind = e.GetProperty("kind").GetString();
        switch (kind)
        {
            case "recordset":
            {
                var zone = DnsName.Parse(e.GetProperty("zone").GetString()!);
                var type = RecordType.Parse(e.GetProperty("type").GetString()!);
                var data = e.GetProperty("values").EnumerateArray().Select(v => RecordData.Parse(type, v.GetString()!, zone));
                return new RecordSetResource(new RecordSet(DnsName.Parse(e.GetProperty("name").GetString()!), type, e.GetProperty("ttl").GetUInt32(), data), zone);
            }

            case "zone":
                return new ZoneResource(DnsName.Parse(e.GetProperty("origin").GetString()!));
            case "maildomain":
                return new MailDomainResource(e.GetProperty("domain").GetString()!);
            case "mailbox":
                return new MailboxResource(
                    e.GetProperty("address").GetString()!,
                    Enum.Parse<MailboxState>(e.GetProperty("state").GetString()!, ignoreCase: true),
                    Str(e, "quota"),
                    Str(e, "displayName"));
            case "route":
                return new RouteResource(
                    e.GetProperty("address").GetString()!,
                    e.GetProperty("targets").EnumerateArray().Select(t => t.GetString()!),
                    Enum.Parse<RouteKind>(e.GetProperty("routeKind").GetString()!, ignoreCase: true));
            default:
                throw new FormatException($"unknown resource kind '{kind}'");
        }
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}

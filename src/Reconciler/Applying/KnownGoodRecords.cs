using System.Text.Json;
using Reconciler.Dns;
using Reconciler.Dns.Records;
using Reconciler.Planning;
using Reconciler.Providers;

namespace Reconciler.Applying;

/// <summary>
/// What an apply leaves known good for one domain, and the journal's text form of it (one JSON array of record
/// sets per domain, parsed only when a plan asks).
/// </summary>
internal static class KnownGoodRecords
{
    /// <summary>
    /// The domain's last-known-good after an apply: every desired set when all its steps succeeded (an in-sync domain
    /// included), otherwise the earlier record with the succeeded DNS steps' results laid over it.
    /// </summary>
    public static Dictionary<(DnsName, RecordType), RecordSet>? After(DomainPlan plan, IReadOnlySet<int> succeeded, Func<IReadOnlyDictionary<(DnsName, RecordType), RecordSet>> earlier)
    {
        if (plan.Error is not null)
        {
            return null;
        }

        if (plan.DesiredRecordSets is { } desired && plan.Steps.All(s => succeeded.Contains(s.Index)))
        {
            return desired.ToDictionary(s => (s.Name, s.Type));
        }

        var done = plan.Steps.Where(s => s.Role == ProviderRole.Dns && succeeded.Contains(s.Index)).ToList();
        if (done.Count == 0)
        {
            return null;
        }

        var sets = earlier().ToDictionary(kv => kv.Key, kv => kv.Value);
        foreach (var step in done)
        {
            if (step.After is RecordSetResource after)
            {
                sets[(after.Set.Name, after.Set.Type)] = after.Set;
            }
            else if (step.Before is RecordSetResource before)
            {
                sets.Remove((before.Set.Name, before.Set.Type));
            }
        }

        return sets;
    }

    public static string Write(IEnumerable<RecordSet> sets)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartArray();
            foreach (var s in sets.OrderBy(s => s.Name).ThenBy(s => s.Type))
            {
                w.WriteStartObject();
                w.WriteString("name", s.Name.ToString());
                w.WriteString("type", s.Type.ToString());
                w.WriteNumber("ttl", s.Ttl);
                w.WriteStartArray("values");
                foreach (var d in s.Records)
                {
                    w.WriteStringValue(d.ToPresentation());
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    public static IReadOnlyDictionary<(DnsName, RecordType), RecordSet> Read(string domain, string json)
    {
        var zone = DnsName.Parse(domain + ".");
        var sets = new Dictionary<(DnsName, RecordType), RecordSet>();
        using var doc = JsonDocument.Parse(json);
        foreach (var e in doc.RootElement.EnumerateArray())
        {
            var type = RecordType.Parse(e.GetProperty("type").GetString()!);
            var data = e.GetProperty("values").EnumerateArray().Select(v => RecordData.Parse(type, v.GetString()!, zone));
            var set = new RecordSet(DnsName.Parse(e.GetProperty("name").GetString()!), type, e.GetProperty("ttl").GetUInt32(), data);
            sets[(set.Name, set.Type)] = set;
        }

        return sets;
    }
}

using System.Text;
using Reconciler.Dns.Records;

namespace Reconciler.Dns;

/// <summary>
/// All records of one name and type (an RRset), the unit a plan step changes and DNS UPDATE replaces. The data is
/// kept without duplicates in canonical order, so two sets with the same members are equal whatever order they were
/// read in. All members share one TTL (RFC 2181 §5.2).
/// </summary>
public sealed class RecordSet : IEquatable<RecordSet>
{
    private readonly RecordData[] _records;

    public RecordSet(DnsName name, RecordType type, uint ttl, IEnumerable<RecordData> records)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(records);
        if (ttl > ResourceRecord.MaxTtl)
        {
            throw new ArgumentOutOfRangeException(nameof(ttl), ttl, $"a TTL is at most {ResourceRecord.MaxTtl} seconds (RFC 2181)");
        }

        // Sorted and de-duplicated in one array: sets are built for every zone a plan reads, and a SortedSet per
        // set cost more than the rest of building it.
        var sorted = records.ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException($"the record set {name} {type} has no records", nameof(records));
        }

        if (Array.Find(sorted, r => r.Type != type) is { } wrong)
        {
            throw new ArgumentException($"the record set {name} {type} holds {wrong.Type} data", nameof(records));
        }

        Array.Sort(sorted);
        var distinct = 1;
        for (var i = 1; i < sorted.Length; i++)
        {
            if (sorted[i].CompareTo(sorted[distinct - 1]) != 0)
            {
                sorted[distinct++] = sorted[i];
            }
        }

        Name = name;
        Type = type;
        Ttl = ttl;
        _records = distinct == sorted.Length ? sorted : sorted[..distinct];
    }

    public DnsName Name { get; }

    public RecordType Type { get; }

    public uint Ttl { get; }

    /// <summary>The distinct data in canonical order.</summary>
    public IReadOnlyList<RecordData> Records => _records;

    /// <summary>
    /// Groups records into sets by name and type, sets in canonical name order then type code. When members of one
    /// set disagree on the TTL the lowest wins, as RFC 2181 §5.2 advises for data received that way.
    /// </summary>
    public static IReadOnlyList<RecordSet> Group(IEnumerable<ResourceRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var groups = new Dictionary<(DnsName Name, RecordType Type), (uint Ttl, List<RecordData> Data)>();
        foreach (var r in records)
        {
            var key = (r.Name, r.Type);
            if (groups.TryGetValue(key, out var g))
            {
                g.Data.Add(r.Data);
                if (r.Ttl < g.Ttl)
                {
                    groups[key] = (r.Ttl, g.Data);
                }
            }
            else
            {
                groups[key] = (r.Ttl, [r.Data]);
            }
        }

        return groups
            .Select(kv => new RecordSet(kv.Key.Name, kv.Key.Type, kv.Value.Ttl, kv.Value.Data))
            .OrderBy(s => s.Name)
            .ThenBy(s => s.Type)
            .ToList();
    }

    public IEnumerable<ResourceRecord> ToRecords() => _records.Select(d => new ResourceRecord(Name, Type, Ttl, d));

    /// <summary>Same name, type and members, whatever the TTL.</summary>
    public bool HasSameData(RecordSet other) =>
        Name == other.Name && Type == other.Type && _records.AsSpan().SequenceEqual(other._records);

    public bool Equals(RecordSet? other) => other is not null && Ttl == other.Ttl && HasSameData(other);

    public override bool Equals(object? obj) => obj is RecordSet other && Equals(other);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.Add(Name);
        hash.Add(Type);
        hash.Add(Ttl);
        foreach (var r in _records)
        {
            hash.Add(r);
        }

        return hash.ToHashCode();
    }

    /// <summary>One line per record, as <see cref="ResourceRecord.ToPresentation"/> prints them.</summary>
    public string ToPresentation(DnsName? origin = null)
    {
        var sb = new StringBuilder();
        foreach (var r in ToRecords())
        {
            sb.Append(r.ToPresentation(origin)).Append('\n');
        }

        return sb.ToString();
    }

    public override string ToString() => ToPresentation();
}

using Reconciler.Dns.Wire;

namespace Reconciler.Dns.Client;

/// <summary>
/// An RFC 2136 UPDATE under construction: prerequisites the server checks first (all must hold, or nothing is
/// changed), then additions and deletions applied as one atomic change. Every name must be in <see cref="Zone"/>.
/// </summary>
public sealed class DnsUpdate
{
    private readonly List<MessageRecord> _prerequisites = [];
    private readonly List<MessageRecord> _updates = [];

    public DnsUpdate(DnsName zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        Zone = zone;
    }

    public DnsName Zone { get; }

    public IReadOnlyList<MessageRecord> Prerequisites => _prerequisites;

    public IReadOnlyList<MessageRecord> Updates => _updates;

    /// <summary>RFC 2136 §2.4.2 "RRset exists (value dependent)": the RRset holds exactly these records (TTL not compared).</summary>
    public DnsUpdate RequireRecordSet(RecordSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        CheckInZone(set.Name);
        foreach (var data in set.Records)
        {
            _prerequisites.Add(new MessageRecord(set.Name, set.Type, DnsClass.IN, 0, data));
        }

        return this;
    }

    /// <summary>RFC 2136 §2.4.1 "RRset exists (value independent)".</summary>
    public DnsUpdate RequireRecordSetExists(DnsName name, RecordType type) => Prerequisite(name, type, DnsClass.Any);

    /// <summary>RFC 2136 §2.4.3 "RRset does not exist".</summary>
    public DnsUpdate RequireNoRecordSet(DnsName name, RecordType type) => Prerequisite(name, type, DnsClass.None);

    /// <summary>RFC 2136 §2.5.2 "Delete an RRset".</summary>
    public DnsUpdate DeleteRecordSet(DnsName name, RecordType type)
    {
        CheckInZone(name);
        _updates.Add(new MessageRecord(name, type, DnsClass.Any, 0, null));
        return this;
    }

    /// <summary>RFC 2136 §2.5.4 "Delete an RR from an RRset".</summary>
    public DnsUpdate DeleteRecord(ResourceRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        CheckInZone(record.Name);
        _updates.Add(new MessageRecord(record.Name, record.Type, DnsClass.None, 0, record.Data));
        return this;
    }

    /// <summary>RFC 2136 §2.5.1 "Add to an RRset", for every record of the set.</summary>
    public DnsUpdate AddRecordSet(RecordSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        foreach (var r in set.ToRecords())
        {
            Add(r);
        }

        return this;
    }

    public DnsUpdate Add(ResourceRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        CheckInZone(record.Name);
        _updates.Add(MessageRecord.From(record));
        return this;
    }

    /// <summary>The UPDATE message: zone section, prerequisites (answer section), updates (authority section).</summary>
    public DnsMessage ToMessage(ushort id) => new()
    {
        Id = id,
        Opcode = DnsOpcode.Update,
        Questions = [new DnsQuestion(Zone, RecordType.SOA, DnsClass.IN)],
        Answers = [.. _prerequisites],
        Authorities = [.. _updates],
    };

    private DnsUpdate Prerequisite(DnsName name, RecordType type, DnsClass @class)
    {
        CheckInZone(name);
        _prerequisites.Add(new MessageRecord(name, type, @class, 0, null));
        return this;
    }

    private void CheckInZone(DnsName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!name.IsSubdomainOf(Zone))
        {
            throw new ArgumentException($"{name} is not in zone {Zone}; an UPDATE changes one zone", nameof(name));
        }
    }
}

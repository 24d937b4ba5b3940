using Reconciler.Dns.Records;
using Reconciler.Dns.ZoneFiles;

namespace Reconciler.Dns;

/// <summary>
/// The contents of one zone: its SOA and every other record, all at or below <see cref="Origin"/> (the SOA's owner).
/// What a zone file, an AXFR or a provider's listing reads into, and what the planner compares.
/// </summary>
public sealed class Zone
{
    private IReadOnlyList<RecordSet>? _sets;

    public Zone(ResourceRecord soa, IEnumerable<ResourceRecord> records)
    {
        ArgumentNullException.ThrowIfNull(soa);
        ArgumentNullException.ThrowIfNull(records);
        if (soa.Data is not SoaData soaData)
        {
            throw new ArgumentException($"the zone's SOA record holds {soa.Type} data", nameof(soa));
        }

        var list = records.ToList();
        foreach (var r in list)
        {
            if (r.Type == RecordType.SOA)
            {
                throw new ArgumentException($"a zone has one SOA record, given separately; {r.Name} SOA is in the records too", nameof(records));
            }

            if (!r.Name.IsSubdomainOf(soa.Name))
            {
                throw new ArgumentException($"{r.Name} {r.Type} is outside the zone {soa.Name}", nameof(records));
            }
        }

        Soa = soa;
        SoaData = soaData;
        Records = list;
    }

    public DnsName Origin => Soa.Name;

    public ResourceRecord Soa { get; }

    public SoaData SoaData { get; }

    /// <summary>Every record except the SOA, in the order given.</summary>
    public IReadOnlyList<ResourceRecord> Records { get; }

    /// <summary>The records (without the SOA) grouped into RRsets, in canonical name order then type code.</summary>
    public IReadOnlyList<RecordSet> RecordSets => _sets ??= RecordSet.Group(Records);

    public Zone WithSerial(uint serial) => new(Soa with { Data = SoaData.WithSerial(serial) }, Records);

    /// <summary>The same zone with the serial moved on for a change made today (see <see cref="SoaSerial.Next"/>).</summary>
    public Zone WithNextSerial(DateOnly today) => WithSerial(SoaSerial.Next(SoaData.Serial, today));

    public Zone WithRecords(IEnumerable<ResourceRecord> records) => new(Soa, records);
}

using Reconciler.Dns.Records;

namespace Reconciler.Dns.Client;

/// <summary>An AXFR (RFC 5936): the zone's SOA, every record, and the SOA again, which ends it.</summary>
internal sealed class FullTransferReader(DnsName zone, string server) : ITransferReader<IReadOnlyList<ResourceRecord>>
{
    private readonly List<ResourceRecord> _records = [];
    private uint _serial;

    public bool IsComplete { get; private set; }

    /// <summary>The records in the order sent: the SOA first, the closing SOA left out.</summary>
    public IReadOnlyList<ResourceRecord> Result =>
        IsComplete ? _records : throw new InvalidOperationException("the transfer is not complete");

    public void Add(ResourceRecord record)
    {
        if (IsComplete)
        {
            throw new DnsException($"{server} sent {record.Name} {record.Type} after the end of its transfer of {zone}", server);
        }

        if (_records.Count == 0)
        {
            if (record.Data is not SoaData soa || record.Name != zone)
            {
                throw new DnsException($"{server}'s transfer of {zone} does not start with the zone's SOA (it starts with {record.Name} {record.Type})", server);
            }

            _serial = soa.Serial;
            _records.Add(record);
        }
        else if (record.Data is SoaData closing)
        {
            IsComplete = closing.Serial == _serial
                ? true
                : throw new DnsException($"{server}'s transfer of {zone} ends with serial {closing.Serial} but began with {_serial}: the zone changed during the transfer; try again", server);
        }
        else
        {
            _records.Add(record);
        }
    }
}

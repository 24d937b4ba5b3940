using System.Globalization;
using System.Text;
using Reconciler.Dns.Records;

namespace Reconciler.Dns.Wire;

/// <summary>
/// A record as it travels in a message: any class, any TTL, and possibly no data (<see cref="Data"/> null: RDLENGTH
/// 0, as UPDATE deletions and prerequisites use). <see cref="ToResourceRecord"/> gives the zone-data view.
/// </summary>
public sealed record MessageRecord
{
    public MessageRecord(DnsName name, RecordType type, DnsClass @class, uint ttl, RecordData? data)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (data is not null && data.Type != type)
        {
            throw new ArgumentException($"the record type is {type} but the data is {data.Type} data", nameof(data));
        }

        Name = name;
        Type = type;
        Class = @class;
        Ttl = ttl;
        Data = data;
    }

    public DnsName Name { get; }

    public RecordType Type { get; }

    public DnsClass Class { get; }

    public uint Ttl { get; }

    /// <summary>The data, or null for empty RDATA of a type that has its own data class.</summary>
    public RecordData? Data { get; }

    /// <summary>True for class IN with data: a record that can be zone content.</summary>
    public bool IsZoneData => Class == DnsClass.IN && Data is not null;

    public static MessageRecord From(ResourceRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new MessageRecord(record.Name, record.Type, DnsClass.IN, record.Ttl, record.Data);
    }

    /// <summary>
    /// The record as zone data. A TTL above 2^31 - 1 reads as 0, as RFC 2181 §8 says.
    /// </summary>
    /// <exception cref="InvalidOperationException">Not class IN, or no data.</exception>
    public ResourceRecord ToResourceRecord()
    {
        if (!IsZoneData)
        {
            throw new InvalidOperationException($"{Name} {Class} {Type} is not zone data (class IN with record data)");
        }

        return new ResourceRecord(Name, Type, Ttl > ResourceRecord.MaxTtl ? 0 : Ttl, Data!);
    }

    /// <summary>dig's layout: <c>name ttl class type data</c>, the data left out when there is none.</summary>
    public string ToPresentation(DnsName? origin = null)
    {
        var sb = new StringBuilder(80);
        sb.Append(Name.RelativeTo(origin)).Append(' ')
            .Append(Ttl.ToString(CultureInfo.InvariantCulture)).Append(' ')
            .Append(Class.ToString()).Append(' ')
            .Append(Type.ToString());
        if (Data is not null)
        {
            sb.Append(' ');
            Data.WritePresentation(sb, origin);
        }

        return sb.ToString();
    }

    public override string ToString() => ToPresentation();
}

using System.Globalization;
using System.Text;
using Reconciler.Dns.Records;
using Reconciler.Dns.ZoneFiles;

namespace Reconciler.Dns;

/// <summary>
/// One resource record of class IN. The type is that of <see cref="Data"/>; equality compares the name, TTL and the
/// data in canonical form.
/// </summary>
public sealed record ResourceRecord
{
    /// <summary>RFC 2181 §8: a TTL is at most 2^31 - 1 seconds.</summary>
    public const uint MaxTtl = int.MaxValue;

    public ResourceRecord(DnsName name, RecordType type, uint ttl, RecordData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Type != type)
        {
            throw new ArgumentException($"the record type is {type} but the data is {data.Type} data", nameof(data));
        }

        Name = name;
        Ttl = ttl;
        Data = data;
    }

    public ResourceRecord(DnsName name, uint ttl, RecordData data)
        : this(name, data?.Type ?? default, ttl, data!)
    {
    }

    public DnsName Name
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(Name));
    }

    public uint Ttl
    {
        get;
        init => field = value <= MaxTtl ? value : throw new ArgumentOutOfRangeException(nameof(Ttl), value, $"a TTL is at most {MaxTtl} seconds (RFC 2181)");
    }

    public RecordData Data
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(Data));
    }

    public RecordType Type => Data.Type;

    /// <summary>
    /// Reads one record written as <see cref="ToPresentation"/> prints it (<c>name ttl IN type data</c>, the TTL and
    /// class in either order, the TTL required); relative names are completed with <paramref name="origin"/>.
    /// </summary>
    /// <exception cref="DnsFormatException">Not exactly one valid record.</exception>
    public static ResourceRecord Parse(string text, DnsName? origin = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var records = ZoneFileReader.ReadRecords(text, "record", origin);
        return records.Count == 1
            ? records[0]
            : throw new DnsFormatException($"expected one record, found {records.Count}: {Presentation.PresentationText.Describe(text)}");
    }

    /// <summary>
    /// The record as one zone-file line, <c>name ttl IN type data</c>, names relative to <paramref name="origin"/>
    /// when given; the same text plans and reports show.
    /// </summary>
    public string ToPresentation(DnsName? origin = null)
    {
        var sb = new StringBuilder(80);
        sb.Append(Name.RelativeTo(origin)).Append(' ')
            .Append(Ttl.ToString(CultureInfo.InvariantCulture)).Append(" IN ")
            .Append(Type.ToString()).Append(' ');
        Data.WritePresentation(sb, origin);
        return sb.ToString();
    }

    public override string ToString() => ToPresentation();
}

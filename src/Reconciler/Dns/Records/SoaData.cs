using System.Buffers;
using System.Globalization;
using System.Text;
using Reconciler.Dns.Presentation;
using Reconciler.Dns.Wire;

namespace Reconciler.Dns.Records;

/// <summary>
/// The start of authority (SOA record). <see cref="ResponsibleMailbox"/> is the hostmaster's address written as a
/// name (<c>hostmaster.example.com.</c> for hostmaster@example.com). Timers are seconds; presentation text may use
/// units (<c>1h</c>, <c>2w</c>) and always prints plain seconds.
/// </summary>
public sealed class SoaData : RecordData
{
    public SoaData(DnsName primaryNameServer, DnsName responsibleMailbox, uint serial, uint refresh, uint retry, uint expire, uint minimum)
    {
        ArgumentNullException.ThrowIfNull(primaryNameServer);
        ArgumentNullException.ThrowIfNull(responsibleMailbox);
        PrimaryNameServer = primaryNameServer;
        ResponsibleMailbox = responsibleMailbox;
        Serial = serial;
        Refresh = refresh;
        Retry = retry;
        Expire = expire;
        Minimum = minimum;
    }

    /// <summary>MNAME: the primary name server.</summary>
    public DnsName PrimaryNameServer { get; }

    /// <summary>RNAME: the responsible person's mailbox as a name.</summary>
    public DnsName ResponsibleMailbox { get; }

    public uint Serial { get; }

    public uint Refresh { get; }

    public uint Retry { get; }

    public uint Expire { get; }

    /// <summary>The negative-caching TTL (RFC 2308).</summary>
    public uint Minimum { get; }

    public override RecordType Type => RecordType.SOA;

    public SoaData WithSerial(uint serial) =>
        new(PrimaryNameServer, ResponsibleMailbox, serial, Refresh, Retry, Expire, Minimum);

    public static SoaData Parse(string text, DnsName? origin = null) =>
        ParseWhole(text, RecordType.SOA, origin, static (r, t, o) => (SoaData)ReadPresentation(r, t, o));

    public static SoaData ReadWire(ReadOnlySpan<byte> rdata)
    {
        var reader = new RdataReader(rdata, RecordType.SOA);
        var mname = reader.ReadName();
        var rname = reader.ReadName();
        var data = new SoaData(mname, rname, reader.ReadUInt32(), reader.ReadUInt32(), reader.ReadUInt32(), reader.ReadUInt32(), reader.ReadUInt32());
        reader.ExpectEnd();
        return data;
    }

    public override void WriteWire(IBufferWriter<byte> output)
    {
        PrimaryNameServer.WriteWire(output);
        ResponsibleMailbox.WriteWire(output);
        output.WriteUInt32(Serial);
        output.WriteUInt32(Refresh);
        output.WriteUInt32(Retry);
        output.WriteUInt32(Expire);
        output.WriteUInt32(Minimum);
    }

    public override void WritePresentation(StringBuilder output, DnsName? origin)
    {
        var c = CultureInfo.InvariantCulture;
        output.Append(PrimaryNameServer.RelativeTo(origin)).Append(' ')
            .Append(ResponsibleMailbox.RelativeTo(origin)).Append(' ')
            .Append(Serial.ToString(c)).Append(' ')
            .Append(Refresh.ToString(c)).Append(' ')
            .Append(Retry.ToString(c)).Append(' ')
            .Append(Expire.ToString(c)).Append(' ')
            .Append(Minimum.ToString(c));
    }

    internal static SoaData Read(PresentationReader reader, DnsName? origin)
    {
        var mname = reader.ReadName("SOA primary name server", origin);
        var rnameToken = reader.Read("SOA responsible mailbox");
        if (!rnameToken.HasEscape && reader.Span(rnameToken) is { Length: > 1 } mailbox && mailbox.Contains('@'))
        {
            throw reader.Error(rnameToken, "the SOA mailbox is written as a name: replace '@' with '.', e.g. hostmaster.example.com. for hostmaster@example.com");
        }

        var rname = reader.ToName(rnameToken, "SOA responsible mailbox", origin);
        var serial = reader.ReadUInt32("SOA serial");
        return new SoaData(
            mname,
            rname,
            serial,
            reader.ReadTime("SOA refresh"),
            reader.ReadTime("SOA retry"),
            reader.ReadTime("SOA expire"),
            reader.ReadTime("SOA minimum (negative-caching TTL)"));
    }
}

using System.Buffers;
using System.Globalization;
using System.Text;
using Reconciler.Dns.Presentation;
using Reconciler.Dns.Wire;

namespace Reconciler.Dns.Records;

/// <summary>A mail exchanger (MX record). <c>0 .</c> is the null MX of RFC 7505: the domain accepts no mail.</summary>
public sealed class MxData : RecordData
{
    public MxData(ushort preference, DnsName exchange)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        Preference = preference;
        Exchange = exchange;
    }

    public ushort Preference { get; }

    public DnsName Exchange { get; }

    public override RecordType Type => RecordType.MX;

    public static MxData Parse(string text, DnsName? origin = null) =>
        ParseWhole(text, RecordType.MX, origin, static (r, t, o) => (MxData)ReadPresentation(r, t, o));

    public static MxData ReadWire(ReadOnlySpan<byte> rdata)
    {
        var reader = new RdataReader(rdata, RecordType.MX);
        var preference = reader.ReadUInt16();
        var exchange = reader.ReadName();
        reader.ExpectEnd();
        return new MxData(preference, exchange);
    }

    public override void WriteWire(IBufferWriter<byte> output)
    {
        output.WriteUInt16(Preference);
        Exchange.WriteWire(output);
    }

    public override void WritePresentation(StringBuilder output, DnsName? origin) =>
        output.Append(Preference.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(Exchange.RelativeTo(origin));

    internal static MxData Read(PresentationReader reader, DnsName? origin)
    {
        var preference = reader.ReadUInt16("MX preference");
        return new MxData(preference, reader.ReadName("MX exchange name", origin));
    }
}

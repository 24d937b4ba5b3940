using System.Buffers;
using System.Globalization;
using System.Text;
using Reconciler.Dns.Presentation;
using Reconciler.Dns.Wire;

namespace Reconciler.Dns.Records;

/// <summary>
/// A DANE TLS association (TLSA record, RFC 6698): certificate usage, selector, matching type and the association
/// data. The data reads as hex in either case, spaces allowed, and prints as upper-case hex as dig does.
/// </summary>
public sealed class TlsaData : RecordData
{
    private readonly byte[] _data;

    public TlsaData(byte usage, byte selector, byte matchingType, ReadOnlySpan<byte> associationData)
    {
        if (associationData.IsEmpty)
        {
            throw new ArgumentException("TLSA association data cannot be empty", nameof(associationData));
        }

        Usage = usage;
        Selector = selector;
        MatchingType = matchingType;
        _data = associationData.ToArray();
    }

    /// <summary>Certificate usage: 0 PKIX-TA, 1 PKIX-EE, 2 DANE-TA, 3 DANE-EE.</summary>
    public byte Usage { get; }

    /// <summary>0 full certificate, 1 SubjectPublicKeyInfo.</summary>
    public byte Selector { get; }

    /// <summary>0 exact, 1 SHA-256, 2 SHA-512.</summary>
    public byte MatchingType { get; }

    public ReadOnlyMemory<byte> AssociationData => _data;

    public override RecordType Type => RecordType.TLSA;

    public static TlsaData Parse(string text, DnsName? origin = null) =>
        ParseWhole(text, RecordType.TLSA, origin, static (r, t, o) => (TlsaData)ReadPresentation(r, t, o));

    public static TlsaData ReadWire(ReadOnlySpan<byte> rdata)
    {
        var reader = new RdataReader(rdata, RecordType.TLSA);
        var usage = reader.ReadUInt8();
        var selector = reader.ReadUInt8();
        var matching = reader.ReadUInt8();
        var data = reader.ReadRest();
        if (data.IsEmpty)
        {
            throw new DnsFormatException("TLSA record data has no association data");
        }

        return new TlsaData(usage, selector, matching, data);
    }

    public override void WriteWire(IBufferWriter<byte> output)
    {
        output.WriteUInt8(Usage);
        output.WriteUInt8(Selector);
        output.WriteUInt8(MatchingType);
        output.WriteBytes(_data);
    }

    public override void WritePresentation(StringBuilder output, DnsName? origin)
    {
        var c = CultureInfo.InvariantCulture;
        output.Append(Usage.ToString(c)).Append(' ')
            .Append(Selector.ToString(c)).Append(' ')
            .Append(MatchingType.ToString(c)).Append(' ');
        PresentationText.AppendHex(output, _data);
    }

    internal static TlsaData Read(PresentationReader reader)
    {
        var usage = reader.ReadUInt8("TLSA certificate usage");
        var selector = reader.ReadUInt8("TLSA selector");
        var matching = reader.ReadUInt8("TLSA matching type");
        return new TlsaData(usage, selector, matching, reader.ReadHexToEnd("TLSA association data", allowEmpty: false));
    }
}

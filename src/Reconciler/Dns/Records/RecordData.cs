using System.Buffers;
using System.Text;
using Reconciler.Dns.Presentation;
using Reconciler.Dns.Wire;

namespace Reconciler.Dns.Records;

/// <summary>
/// The data of one resource record (RDATA), immutable. Each record type has its own subclass with
/// <c>Parse(text, origin)</c> for presentation text and <c>ReadWire(rdata)</c> for uncompressed wire data;
/// <see cref="Parse(RecordType,string,DnsName?)"/> and <see cref="FromWire"/> pick the subclass by type.
/// <para>
/// Equality is in canonical form and defined once, here: two values are equal when their types are equal and their
/// canonical octets are (the uncompressed wire form with names lower-cased, RFC 4034 §6.2; for TXT the strings joined,
/// so a different split into character-strings is the same value). The same octets give the canonical sort order.
/// </para>
/// </summary>
public abstract class RecordData : IEquatable<RecordData>, IComparable<RecordData>
{
    private byte[]? _canonical;

    private protected RecordData()
    {
    }

    public abstract RecordType Type { get; }

    /// <summary>
    /// Reads record data of the given type from presentation text (the part of a zone-file line after the type).
    /// Relative names are completed with <paramref name="origin"/>. RFC 3597 <c>\# length hex</c> is accepted for
    /// every type and gives the same value as the type's own syntax.
    /// </summary>
    /// <exception cref="DnsFormatException">The text is not valid data for the type; the message says why.</exception>
    public static RecordData Parse(RecordType type, string text, DnsName? origin = null) =>
        ParseWhole(text, type, origin, static (r, t, o) => ReadPresentation(r, t, o));

    /// <summary>Decodes uncompressed wire RDATA; types without their own class give <see cref="UnknownData"/>.</summary>
    /// <exception cref="DnsFormatException">The octets do not make valid data for the type.</exception>
    public static RecordData FromWire(RecordType type, ReadOnlySpan<byte> rdata) => type.Code switch
    {
        1 => AData.ReadWire(rdata),
        2 => NsData.ReadWire(rdata),
        5 => CnameData.ReadWire(rdata),
        6 => SoaData.ReadWire(rdata),
        12 => PtrData.ReadWire(rdata),
        15 => MxData.ReadWire(rdata),
        16 => TxtData.ReadWire(rdata),
        28 => AaaaData.ReadWire(rdata),
        33 => SrvData.ReadWire(rdata),
        52 => TlsaData.ReadWire(rdata),
        257 => CaaData.ReadWire(rdata),
        _ => new UnknownData(type, rdata),
    };

    /// <summary>Writes the uncompressed wire RDATA (without the length prefix).</summary>
    public abstract void WriteWire(IBufferWriter<byte> output);

    public byte[] ToWire()
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        WriteWire(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// The canonical presentation text. Names are absolute (trailing dot), or relative to <paramref name="origin"/>
    /// when one is given and the name is at or below it.
    /// </summary>
    public string ToPresentation(DnsName? origin = null)
    {
        var sb = new StringBuilder(64);
        WritePresentation(sb, origin);
        return sb.ToString();
    }

    /// <summary>The printer behind every output: plans, zone files and dig-like text all come through here.</summary>
    public abstract void WritePresentation(StringBuilder output, DnsName? origin);

    public override string ToString() => ToPresentation();

    public bool Equals(RecordData? other) =>
        other is not null && (ReferenceEquals(this, other) || (Type == other.Type && CanonicalOctets.SequenceEqual(other.CanonicalOctets)));

    public override bool Equals(object? obj) => obj is RecordData other && Equals(other);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.Add(Type.Code);
        hash.AddBytes(CanonicalOctets);
        return hash.ToHashCode();
    }

    /// <summary>Canonical order: by type code, then by canonical octets (RFC 4034 §6.3 within an RRset).</summary>
    public int CompareTo(RecordData? other)
    {
        if (other is null)
        {
            return 1;
        }

        var byType = Type.CompareTo(other.Type);
        return byType != 0 ? byType : CanonicalOctets.SequenceCompareTo(other.CanonicalOctets);
    }

    public static bool operator ==(RecordData? left, RecordData? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(RecordData? left, RecordData? right) => !(left == right);

    /// <summary>The octets equality compares; computed once, since records are immutable.</summary>
    internal ReadOnlySpan<byte> CanonicalOctets => _canonical ??= ComputeCanonicalOctets();

    private protected virtual byte[] ComputeCanonicalOctets() => ToWire();

    /// <summary>Reads one record's data from the reader's current entry, leaving the entry's end to the caller.</summary>
    internal static RecordData ReadPresentation(PresentationReader reader, RecordType type, DnsName? origin)
    {
        var hasData = reader.TryPeek(out var first);
        if (hasData && !first.Quoted && reader.Span(first) is @"\#")
        {
            return ReadGeneric(reader, type);
        }

        return type.Code switch
        {
            1 => AData.Read(reader),
            2 => NsData.Read(reader, origin),
            5 => CnameData.Read(reader, origin),
            6 => SoaData.Read(reader, origin),
            12 => PtrData.Read(reader, origin),
            15 => MxData.Read(reader, origin),
            16 => TxtData.Read(reader),
            28 => AaaaData.Read(reader),
            33 => SrvData.Read(reader, origin),
            52 => TlsaData.Read(reader),
            257 => CaaData.Read(reader),
            _ => throw (hasData ? reader.Error(first, GenericOnly(type)) : reader.ErrorHere(GenericOnly(type))),
        };
    }

    /// <summary>Parses text holding exactly one record's data (it may span lines inside parentheses).</summary>
    private protected static T ParseWhole<T>(string text, RecordType type, DnsName? origin, Func<PresentationReader, RecordType, DnsName?, T> read)
        where T : RecordData
    {
        ArgumentNullException.ThrowIfNull(text);
        var reader = new PresentationReader(text, null);
        try
        {
            var data = read(reader, type, origin);
            reader.ExpectEndOfData(type);
            if (reader.NextEntry(out _))
            {
                throw reader.ErrorHere($"unexpected text after the {type} data");
            }

            return data;
        }
        catch (DnsFormatException ex)
        {
            var where = text.Contains('\n') ? $"line {ex.Line}, column {ex.Column}" : $"column {ex.Column}";
            throw new DnsFormatException($"invalid {type} data {PresentationText.Describe(text)}: {ex.Reason} (at {where})");
        }
    }

    private static string GenericOnly(RecordType type) =>
        $"{type} data must be written as \\# followed by the length and hex octets (RFC 3597)";

    private static RecordData ReadGeneric(PresentationReader reader, RecordType type)
    {
        var marker = reader.Read(@"\#");
        var lengthToken = reader.Read(@"the length after \#");
        var lengthText = reader.Span(lengthToken);
        if (lengthToken.Quoted || !ushort.TryParse(lengthText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var length))
        {
            throw reader.Error(lengthToken, $"the length after \\# must be a number from 0 to 65535, found {PresentationText.Describe(lengthText)}");
        }

        var octets = reader.ReadHexToEnd(@"the hex data after \# " + length, allowEmpty: true);
        if (octets.Length != length)
        {
            throw reader.Error(lengthToken, $"\\# says {length} octets but {octets.Length} follow");
        }

        try
        {
            return FromWire(type, octets);
        }
        catch (DnsFormatException ex)
        {
            throw reader.Error(marker, ex.Reason);
        }
    }
}

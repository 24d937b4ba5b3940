using System.Buffers;
using System.Globalization;
using System.Text;
using Reconciler.Dns.Presentation;
using Reconciler.Dns.Wire;

namespace Reconciler.Dns.Records;

/// <summary>
/// A certification authority authorization (CAA record, RFC 8659): <c>flags tag "value"</c>, e.g.
/// <c>0 issue "letsencrypt.org"</c>. Tags match case-insensitively, so the canonical tag is lower-case.
/// </summary>
public sealed class CaaData : RecordData
{
    private readonly byte[] _value;

    public CaaData(byte flags, string tag, ReadOnlySpan<byte> value)
    {
        ArgumentNullException.ThrowIfNull(tag);
        if (ProblemWithTag(tag) is { } problem)
        {
            throw new ArgumentException(problem, nameof(tag));
        }

        Flags = flags;
        Tag = tag.ToLowerInvariant();
        _value = value.ToArray();
    }

    public CaaData(byte flags, string tag, string value)
        : this(flags, tag, Encoding.UTF8.GetBytes(value))
    {
    }

    public byte Flags { get; }

    /// <summary>True when bit 0 (128) is set: a CA that does not understand the tag must not issue.</summary>
    public bool IsCritical => (Flags & 0x80) != 0;

    public string Tag { get; }

    public ReadOnlyMemory<byte> ValueOctets => _value;

    /// <summary>The value as UTF-8 text, e.g. <c>letsencrypt.org; validationmethods=dns-01</c>.</summary>
    public string Value => Encoding.UTF8.GetString(_value);

    public override RecordType Type => RecordType.CAA;

    public static CaaData Parse(string text, DnsName? origin = null) =>
        ParseWhole(text, RecordType.CAA, origin, static (r, t, o) => (CaaData)ReadPresentation(r, t, o));

    public static CaaData ReadWire(ReadOnlySpan<byte> rdata)
    {
        var reader = new RdataReader(rdata, RecordType.CAA);
        var flags = reader.ReadUInt8();
        var tag = Encoding.ASCII.GetString(reader.ReadCharacterString());
        if (ProblemWithTag(tag) is { } problem)
        {
            throw new DnsFormatException($"CAA record data: {problem}");
        }

        return new CaaData(flags, tag, reader.ReadRest());
    }

    public override void WriteWire(IBufferWriter<byte> output)
    {
        output.WriteUInt8(Flags);
        output.WriteUInt8((byte)Tag.Length);
        Span<byte> tag = stackalloc byte[Tag.Length];
        Encoding.ASCII.GetBytes(Tag, tag);
        output.WriteBytes(tag);
        output.WriteBytes(_value);
    }

    public override void WritePresentation(StringBuilder output, DnsName? origin)
    {
        output.Append(Flags.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(Tag).Append(' ');
        PresentationText.AppendQuoted(output, _value);
    }

    internal static CaaData Read(PresentationReader reader)
    {
        var flags = reader.ReadUInt8("CAA flags");
        var tagToken = reader.Read("CAA tag (issue, issuewild, iodef…)");
        var tag = reader.Span(tagToken).ToString();
        if (tagToken.Quoted || tagToken.HasEscape || ProblemWithTag(tag) is not null)
        {
            throw reader.Error(tagToken, ProblemWithTag(tag) ?? "a CAA tag is letters and digits, without quotes or escapes");
        }

        var valueToken = reader.Read("CAA value (in double quotes)");
        return new CaaData(flags, tag, reader.ReadOctets(valueToken));
    }

    private static string? ProblemWithTag(string tag)
    {
        if (tag.Length is 0 or > 255)
        {
            return $"a CAA tag has 1 to 255 characters, not {tag.Length}";
        }

        foreach (var c in tag)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return $"the CAA tag '{tag}' may hold only ASCII letters and digits";
            }
        }

        return null;
    }
}

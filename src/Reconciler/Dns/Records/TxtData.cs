using System.Buffers;
using System.Text;
using Reconciler.Dns.Presentation;
using Reconciler.Dns.Wire;

namespace Reconciler.Dns.Records;

/// <summary>
/// Text (TXT record): one or more character-strings of at most 255 octets each. A longer string given as one value
/// (a DKIM key, say) is split at 255 octets, since that is the most one string can carry on the wire. The split
/// does not matter for equality: the canonical TXT value is the strings joined, which is also how SPF, DKIM and
/// DMARC read them, so <c>"ab" "c"</c> equals <c>"abc"</c>.
/// </summary>
public sealed class TxtData : RecordData
{
    public const int MaxStringOctets = 255;

    private readonly byte[][] _strings;
    private ReadOnlyMemory<byte>[]? _views;

    /// <summary>Strings as octets; any over 255 octets is split. At least one string (it may be empty).</summary>
    public TxtData(IEnumerable<byte[]> strings)
        : this(Split(strings.Select(s => (byte[])s.Clone())))
    {
    }

    private TxtData(byte[][] strings)
    {
        if (strings.Length == 0)
        {
            throw new ArgumentException("a TXT record has at least one string (it may be empty)", nameof(strings));
        }

        _strings = strings;
    }

    /// <summary>The character-strings as stored (each at most 255 octets).</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Strings => _views ??= Array.ConvertAll(_strings, s => new ReadOnlyMemory<byte>(s));

    /// <summary>The canonical value: all strings joined.</summary>
    public ReadOnlyMemory<byte> JoinedOctets => CanonicalOctets.ToArray();

    /// <summary>The joined value as UTF-8 text (invalid sequences become U+FFFD): what SPF/DKIM/DMARC checks read.</summary>
    public string Value => Encoding.UTF8.GetString(CanonicalOctets);

    public override RecordType Type => RecordType.TXT;

    /// <summary>One logical value (UTF-8), split into strings of 255 octets.</summary>
    public static TxtData FromValue(string value) => new(Split([Encoding.UTF8.GetBytes(value)]));

    /// <summary>Several strings (UTF-8), each split if over 255 octets.</summary>
    public static TxtData FromStrings(IEnumerable<string> strings) => new(Split(strings.Select(Encoding.UTF8.GetBytes)));

    public static TxtData Parse(string text, DnsName? origin = null) =>
        ParseWhole(text, RecordType.TXT, origin, static (r, t, o) => (TxtData)ReadPresentation(r, t, o));

    public static TxtData ReadWire(ReadOnlySpan<byte> rdata)
    {
        var reader = new RdataReader(rdata, RecordType.TXT);
        var strings = new List<byte[]>();
        do
        {
            strings.Add(reader.ReadCharacterString().ToArray());
        }
        while (reader.Remaining > 0);

        return new TxtData(strings.ToArray());
    }

    public override void WriteWire(IBufferWriter<byte> output)
    {
        foreach (var s in _strings)
        {
            output.WriteUInt8((byte)s.Length);
            output.WriteBytes(s);
        }
    }

    public override void WritePresentation(StringBuilder output, DnsName? origin)
    {
        for (var i = 0; i < _strings.Length; i++)
        {
            if (i > 0)
            {
                output.Append(' ');
            }

            PresentationText.AppendQuoted(output, _strings[i]);
        }
    }

    private protected override byte[] ComputeCanonicalOctets()
    {
        if (_strings.Length == 1)
        {
            return _strings[0];
        }

        var joined = new byte[_strings.Sum(s => s.Length)];
        var o = 0;
        foreach (var s in _strings)
        {
            s.CopyTo(joined, o);
            o += s.Length;
        }

        return joined;
    }

    internal static TxtData Read(PresentationReader reader)
    {
        var strings = new List<byte[]>(2);
        while (reader.TryRead(out var token))
        {
            strings.Add(reader.ReadOctets(token));
        }

        if (strings.Count == 0)
        {
            throw reader.ErrorHere("missing TXT text (write \"\" for an empty string)");
        }

        return new TxtData(Split(strings));
    }

    private static byte[][] Split(IEnumerable<byte[]> strings)
    {
        var result = new List<byte[]>();
        foreach (var s in strings)
        {
            if (s.Length <= MaxStringOctets)
            {
                result.Add(s);
                continue;
            }

            for (var start = 0; start < s.Length; start += MaxStringOctets)
            {
                result.Add(s.AsSpan(start, Math.Min(MaxStringOctets, s.Length - start)).ToArray());
            }
        }

        return [.. result];
    }
}

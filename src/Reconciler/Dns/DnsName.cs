using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Reconciler.Dns.Presentation;

namespace Reconciler.Dns;

/// <summary>
/// An absolute domain name, held only in canonical form: ASCII letters lower-cased, internationalized labels as
/// A-labels (<c>xn--…</c>), a trailing dot, and one fixed escaping (<c>\.</c>, <c>\"</c>… and <c>\DDD</c> for
/// octets outside printable ASCII). Because the form is unique, equality, hashing and printing are those of the
/// canonical text, so <c>MAIL.Example.COM.</c>, <c>mail</c> read under origin <c>example.com.</c> and
/// <c>mail.example.com.</c> are one value.
/// </summary>
public sealed class DnsName : IEquatable<DnsName>, IComparable<DnsName>
{
    public const int MaxLabelOctets = 63;
    public const int MaxNameOctets = 255;

    // Worst case: 254 octets each printed as \DDD plus the dots; a name longer than 255 octets is refused before this.
    private const int MaxTextChars = 1280;

    private readonly string _text;
    private byte[]? _wire;

    private DnsName(string text, int labelCount, int wireLength)
    {
        _text = text;
        LabelCount = labelCount;
        WireLength = wireLength;
    }

    /// <summary>The root name, <c>.</c>.</summary>
    public static DnsName Root { get; } = new(".", 0, 1);

    /// <summary>Number of labels, not counting the empty root label (<c>www.example.com.</c> has 3).</summary>
    public int LabelCount { get; }

    /// <summary>Length in octets of the uncompressed wire form, root label included (at most 255).</summary>
    public int WireLength { get; }

    public bool IsRoot => LabelCount == 0;

    /// <summary>The name without its first label; the root's parent is an error.</summary>
    public DnsName Parent
    {
        get
        {
            if (IsRoot)
            {
                throw new InvalidOperationException("the root name has no parent");
            }

            var start = SkipLabels(1);
            var firstLabelOctets = Wire[0];
            return start >= _text.Length ? Root : new DnsName(_text[start..], LabelCount - 1, WireLength - firstLabelOctets - 1);
        }
    }

    /// <summary>
    /// Reads a name in presentation format. A name without a trailing dot is relative and is completed with
    /// <paramref name="origin"/>; <c>@</c> is the origin itself. Non-ASCII labels are converted to A-labels.
    /// </summary>
    /// <exception cref="DnsFormatException">The text is not a valid name; the message says why.</exception>
    public static DnsName Parse(string text, DnsName? origin = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text.AsSpan(), origin, out var name, out var error) ? name : throw new DnsFormatException(error);
    }

    public static bool TryParse(string? text, DnsName? origin, [NotNullWhen(true)] out DnsName? name)
    {
        if (text is null)
        {
            name = null;
            return false;
        }

        return TryParse(text.AsSpan(), origin, out name, out _);
    }

    /// <summary>The parser behind every name read, returning the reason instead of throwing so callers add a position.</summary>
    internal static bool TryParse(
        ReadOnlySpan<char> text,
        DnsName? origin,
        [NotNullWhen(true)] out DnsName? name,
        [NotNullWhen(false)] out string? error)
    {
        name = null;
        if (text.IsEmpty)
        {
            error = "a domain name is empty";
            return false;
        }

        if (text is "@")
        {
            name = origin;
            error = origin is null ? "'@' stands for the origin, but there is none here (set $ORIGIN or name the zone)" : null;
            return origin is not null;
        }

        if (text is ".")
        {
            name = Root;
            error = null;
            return true;
        }

        foreach (var c in text)
        {
            if (c > 0x7F)
            {
                if (!TryToAscii(text, out var ascii, out error))
                {
                    return false;
                }

                return TryParseAscii(text, ascii, origin, out name, out error);
            }
        }

        return TryParseAscii(text, text, origin, out name, out error);
    }

    /// <summary>Reads an uncompressed name in wire format (a compression pointer is refused: decompress first).</summary>
    public static DnsName ReadWire(ReadOnlySpan<byte> wire, out int consumed)
    {
        Span<char> buffer = stackalloc char[MaxTextChars];
        var o = 0;
        var i = 0;
        var labels = 0;
        while (true)
        {
            if (i >= wire.Length)
            {
                throw new DnsFormatException("a name in wire format ends before its root label");
            }

            var length = wire[i];
            if (length == 0)
            {
                i++;
                break;
            }

            if (length > MaxLabelOctets)
            {
                throw new DnsFormatException(
                    (length & 0xC0) == 0xC0
                        ? "a compressed name where an uncompressed one is needed (decompress the message first)"
                        : $"a label of {length} octets in wire format (at most {MaxLabelOctets})");
            }

            if (i + 1 + length > wire.Length)
            {
                throw new DnsFormatException("a label in wire format runs past the end of the data");
            }

            foreach (var raw in wire.Slice(i + 1, length))
            {
                o += PresentationText.WriteNameOctet(buffer[o..], ToLowerAscii(raw));
            }

            buffer[o++] = '.';
            labels++;
            i += 1 + length;
            if (i + 1 > MaxNameOctets)
            {
                throw new DnsFormatException($"a name in wire format is longer than {MaxNameOctets} octets");
            }
        }

        consumed = i;
        return labels == 0 ? Root : new DnsName(new string(buffer[..o]), labels, i);
    }

    /// <summary>Writes the uncompressed wire form (labels lower-cased, as RFC 4034 §6.2 canonical form wants).</summary>
    public void WriteWire(IBufferWriter<byte> output)
    {
        var wire = Wire;
        wire.CopyTo(output.GetSpan(wire.Length));
        output.Advance(wire.Length);
    }

    public byte[] ToWire() => (byte[])Wire.Clone();

    /// <summary>True when this name is <paramref name="other"/> or below it (label-wise: <c>xexample.com.</c> is not below <c>example.com.</c>).</summary>
    public bool IsSubdomainOf(DnsName other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.IsRoot)
        {
            return true;
        }

        if (LabelCount < other.LabelCount)
        {
            return false;
        }

        var start = SkipLabels(LabelCount - other.LabelCount);
        return _text.AsSpan(start).SequenceEqual(other._text);
    }

    /// <summary>
    /// The name as written in a zone file with this origin: <c>@</c> for the origin, the leading labels for a name
    /// below it, the absolute name (trailing dot) otherwise or when <paramref name="origin"/> is null.
    /// </summary>
    public string RelativeTo(DnsName? origin)
    {
        if (origin is null || !IsSubdomainOf(origin))
        {
            return _text;
        }

        if (LabelCount == origin.LabelCount)
        {
            return "@";
        }

        // The origin's text starts right after the dot ending the last relative label.
        var start = origin.IsRoot ? _text.Length : SkipLabels(LabelCount - origin.LabelCount);
        return _text[..(start - 1)];
    }

    /// <summary>The name with A-labels shown as Unicode, for people; never for comparing or writing zone files.</summary>
    public string ToUnicodeString()
    {
        if (!_text.Contains("xn--", StringComparison.Ordinal))
        {
            return _text;
        }

        var idn = new IdnMapping();
        var parts = _text.Split('.');
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].StartsWith("xn--", StringComparison.Ordinal))
            {
                try
                {
                    parts[i] = idn.GetUnicode(parts[i]);
                }
                catch (ArgumentException)
                {
                    // Not a valid A-label: show it as it is.
                }
            }
        }

        return string.Join('.', parts);
    }

    /// <summary>The canonical absolute text, e.g. <c>www.example.com.</c>.</summary>
    public override string ToString() => _text;

    public bool Equals(DnsName? other) => other is not null && string.Equals(_text, other._text, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is DnsName other && Equals(other);

    public override int GetHashCode() => _text.GetHashCode(StringComparison.Ordinal);

    /// <summary>
    /// DNSSEC canonical order (RFC 4034 §6.1): labels compared right to left as octet strings, so a zone sorts as a
    /// tree: <c>example.com.</c>, <c>a.example.com.</c>, <c>b.a.example.com.</c>, <c>mail.example.com.</c>.
    /// </summary>
    public int CompareTo(DnsName? other)
    {
        if (other is null)
        {
            return 1;
        }

        if (ReferenceEquals(this, other))
        {
            return 0;
        }

        ReadOnlySpan<byte> a = Wire, b = other.Wire;
        Span<int> aStarts = stackalloc int[LabelCount];
        Span<int> bStarts = stackalloc int[other.LabelCount];
        LabelStarts(a, aStarts);
        LabelStarts(b, bStarts);
        for (int i = aStarts.Length - 1, j = bStarts.Length - 1; i >= 0 && j >= 0; i--, j--)
        {
            var la = a.Slice(aStarts[i] + 1, a[aStarts[i]]);
            var lb = b.Slice(bStarts[j] + 1, b[bStarts[j]]);
            var c = la.SequenceCompareTo(lb);
            if (c != 0)
            {
                return c;
            }
        }

        return LabelCount.CompareTo(other.LabelCount);
    }

    public static bool operator ==(DnsName? left, DnsName? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(DnsName? left, DnsName? right) => !(left == right);

    /// <summary>The uncompressed wire form without copying, for the message encoder.</summary>
    internal ReadOnlySpan<byte> WireSpan => Wire;

    private byte[] Wire => _wire ??= BuildWire();

    private static void LabelStarts(ReadOnlySpan<byte> wire, Span<int> starts)
    {
        var offset = 0;
        for (var i = 0; i < starts.Length; i++)
        {
            starts[i] = offset;
            offset += wire[offset] + 1;
        }
    }

    private byte[] BuildWire()
    {
        var wire = new byte[WireLength];
        var o = 0;
        var text = _text.AsSpan();
        var i = 0;
        while (i < text.Length && !IsRoot)
        {
            var lengthAt = o++;
            while (text[i] != '.')
            {
                if (text[i] == '\\')
                {
                    if (char.IsAsciiDigit(text[i + 1]))
                    {
                        wire[o++] = (byte)(((text[i + 1] - '0') * 100) + ((text[i + 2] - '0') * 10) + (text[i + 3] - '0'));
                        i += 4;
                    }
                    else
                    {
                        wire[o++] = (byte)text[i + 1];
                        i += 2;
                    }
                }
                else
                {
                    wire[o++] = (byte)text[i++];
                }
            }

            wire[lengthAt] = (byte)(o - lengthAt - 1);
            i++;
        }

        wire[o] = 0;
        return wire;
    }

    /// <summary>Index in the canonical text where label number <paramref name="count"/> (0-based) starts.</summary>
    private int SkipLabels(int count)
    {
        var i = 0;
        var text = _text;
        while (count > 0)
        {
            var c = text[i];
            if (c == '\\')
            {
                i += char.IsAsciiDigit(text[i + 1]) ? 4 : 2;
                continue;
            }

            i++;
            if (c == '.')
            {
                count--;
            }
        }

        return i;
    }

    private static byte ToLowerAscii(byte b) => b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b + 32) : b;

    private static bool TryParseAscii(
        ReadOnlySpan<char> original,
        ReadOnlySpan<char> text,
        DnsName? origin,
        [NotNullWhen(true)] out DnsName? name,
        [NotNullWhen(false)] out string? error)
    {
        name = null;
        Span<char> buffer = stackalloc char[MaxTextChars];
        var o = 0;
        var labels = 0;
        var labelOctets = 0;
        var labelStart = 0;
        var wireLength = 1; // the root label
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '.')
            {
                if (labelOctets == 0)
                {
                    error = $"the name {PresentationText.Describe(original)} has an empty label (a leading dot or two dots in a row)";
                    return false;
                }

                buffer[o++] = '.';
                labels++;
                labelOctets = 0;
                i++;
                labelStart = i;
                continue;
            }

            byte b;
            if (c == '\\')
            {
                if (i + 1 >= text.Length)
                {
                    error = $"the name {PresentationText.Describe(original)} ends with a lone backslash";
                    return false;
                }

                var d = text[i + 1];
                if (char.IsAsciiDigit(d))
                {
                    if (i + 3 >= text.Length || !char.IsAsciiDigit(text[i + 2]) || !char.IsAsciiDigit(text[i + 3]))
                    {
                        error = $"the name {PresentationText.Describe(original)} has a \\DDD escape without three digits";
                        return false;
                    }

                    var value = ((d - '0') * 100) + ((text[i + 2] - '0') * 10) + (text[i + 3] - '0');
                    if (value > 255)
                    {
                        error = $"the name {PresentationText.Describe(original)} has the escape \\{value}, above \\255";
                        return false;
                    }

                    b = (byte)value;
                    i += 4;
                }
                else if (d > 0x7F)
                {
                    error = $"the name {PresentationText.Describe(original)} escapes a non-ASCII character; write it unescaped or as \\DDD octets";
                    return false;
                }
                else
                {
                    b = (byte)d;
                    i += 2;
                }
            }
            else
            {
                if (c <= ' ' || c == '\x7F' || c is '"' or '(' or ')' or ';')
                {
                    error = $"the name {PresentationText.Describe(original)} contains {DescribeChar(c)}, which a name can only hold escaped (\\{(int)c:D3})";
                    return false;
                }

                b = (byte)c;
                i++;
            }

            labelOctets++;
            if (labelOctets > MaxLabelOctets)
            {
                var dot = text[labelStart..].IndexOf('.');
                var label = dot < 0 ? text[labelStart..] : text.Slice(labelStart, dot);
                error = $"the label {PresentationText.Describe(label)} in {PresentationText.Describe(original)} is longer than {MaxLabelOctets} octets";
                return false;
            }

            if (labelOctets == 1)
            {
                wireLength += 1;
            }

            wireLength++;
            if (wireLength > MaxNameOctets)
            {
                error = $"the name {PresentationText.Describe(original)} is longer than {MaxNameOctets} octets";
                return false;
            }

            o += PresentationText.WriteNameOctet(buffer[o..], ToLowerAscii(b));
        }

        if (labelOctets > 0)
        {
            // Relative: complete with the origin.
            buffer[o++] = '.';
            labels++;
            if (origin is null)
            {
                error = $"the name {PresentationText.Describe(original)} is relative (no trailing dot), but there is no origin to complete it (set $ORIGIN, name the zone, or end the name with a dot)";
                return false;
            }

            if (wireLength + origin.WireLength - 1 > MaxNameOctets)
            {
                error = $"the name {PresentationText.Describe(original)} completed with the origin {origin} is longer than {MaxNameOctets} octets";
                return false;
            }

            name = origin.IsRoot
                ? new DnsName(new string(buffer[..o]), labels, wireLength)
                : new DnsName(string.Concat(buffer[..o], origin._text), labels + origin.LabelCount, wireLength + origin.WireLength - 1);
            error = null;
            return true;
        }

        name = new DnsName(new string(buffer[..o]), labels, wireLength);
        error = null;
        return true;
    }

    /// <summary>
    /// Converts labels holding non-ASCII characters to A-labels. With invariant globalization IdnMapping does plain
    /// Punycode without UTS #46 mapping, so case is folded here first; normalization to NFC is not available, so
    /// decomposed input (a letter followed by a combining accent) is refused rather than silently encoded into a
    /// different name.
    /// </summary>
    private static bool TryToAscii(ReadOnlySpan<char> text, out string ascii, [NotNullWhen(false)] out string? error)
    {
        var idn = new IdnMapping { AllowUnassigned = false, UseStd3AsciiRules = false };
        var result = new System.Text.StringBuilder(text.Length + 16);
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            var atEnd = i == text.Length;
            if (!atEnd && text[i] == '\\')
            {
                i++;
                continue;
            }

            if (!atEnd && !IsDot(text[i]))
            {
                continue;
            }

            var label = text[start..i];
            if (HasNonAscii(label))
            {
                if (label.Contains('\\'))
                {
                    error = $"the label {PresentationText.Describe(label)} mixes non-ASCII characters with backslash escapes";
                    ascii = "";
                    return false;
                }

                var lower = label.ToString().ToLowerInvariant();
                for (var k = 1; k < lower.Length; k++)
                {
                    if (char.IsAsciiLetter(lower[k - 1]) && CharUnicodeInfo.GetUnicodeCategory(lower[k]) == UnicodeCategory.NonSpacingMark)
                    {
                        error = $"the label {PresentationText.Describe(label)} has a letter followed by a separate combining mark; write it in composed form (NFC), e.g. 'ü' rather than 'u' + '\u0308'";
                        ascii = "";
                        return false;
                    }
                }

                try
                {
                    result.Append(idn.GetAscii(lower));
                }
                catch (ArgumentException ex)
                {
                    error = $"the label {PresentationText.Describe(label)} is not a valid internationalized domain label: {ex.Message}";
                    ascii = "";
                    return false;
                }
            }
            else
            {
                result.Append(label);
            }

            if (!atEnd)
            {
                result.Append('.');
            }

            start = i + 1;
        }

        ascii = result.ToString();
        error = null;
        return true;
    }

    private static string DescribeChar(char c) => c switch
    {
        ' ' => "a space",
        '\t' => "a tab",
        < ' ' or '\x7F' => $"the control character U+{(int)c:X4}",
        _ => $"'{c}'",
    };

    // IDNA treats the ideographic and full-width full stops as label separators too.
    private static bool IsDot(char c) => c is '.' or '\u3002' or '\uFF0E' or '\uFF61';

    private static bool HasNonAscii(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (c > 0x7F)
            {
                return true;
            }
        }

        return false;
    }
}

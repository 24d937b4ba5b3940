using System.Globalization;
using System.Text;

namespace Reconciler.Dns.Presentation;

/// <summary>
/// The hand-written tokenizer for RFC 1035 §5 master-file text, used for whole zone files and for single record
/// data alike, so both accept the same syntax. It works on the source string without copying: tokens are slices,
/// and octets are decoded only when a record asks for them. An entry is a logical line: a newline ends it unless a
/// parenthesis is open. Comments run from an unquoted <c>;</c> to the end of the line.
/// </summary>
internal sealed class PresentationReader
{
    private readonly string _text;
    private readonly string? _file;
    private int _pos;
    private int _line;
    private int _lineStart;
    private int _parenDepth;
    private int _parenLine;
    private int _parenColumn;
    private bool _entryEnded;
    private bool _started;
    private int _endLine;
    private int _endColumn;
    private PresentationToken? _peeked;

    public PresentationReader(string text, string? file)
    {
        _text = text;
        _file = file;
        _line = 1;
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            _pos = 1;
            _lineStart = 1;
        }
    }

    public string Text => _text;

    /// <summary>
    /// Moves to the start of the next logical entry, skipping blank and comment-only lines. Returns false at the end of
    /// the text. <paramref name="startsWithBlank"/> tells whether the entry's line begins with a space or tab, which in a
    /// zone file means "same owner as the previous record".
    /// </summary>
    public bool NextEntry(out bool startsWithBlank)
    {
        // Drop whatever the previous entry did not read.
        while (_started && TryRead(out _))
        {
        }

        _started = true;

        while (true)
        {
            startsWithBlank = false;
            if (_pos >= _text.Length)
            {
                return false;
            }

            startsWithBlank = _pos == _lineStart && _text[_pos] is ' ' or '\t';
            _entryEnded = false;
            _peeked = null;
            if (TryPeek(out _))
            {
                return true;
            }
        }
    }

    public bool TryPeek(out PresentationToken token)
    {
        if (_peeked is { } p)
        {
            token = p;
            return true;
        }

        if (!TryScan(out token))
        {
            return false;
        }

        _peeked = token;
        return true;
    }

    /// <summary>Reads the next token of the current entry; false at the entry's end.</summary>
    public bool TryRead(out PresentationToken token)
    {
        if (_peeked is { } p)
        {
            _peeked = null;
            token = p;
            return true;
        }

        return TryScan(out token);
    }

    public PresentationToken Read(string what)
    {
        if (TryRead(out var token))
        {
            return token;
        }

        throw ErrorHere($"missing {what}");
    }

    /// <summary>Fails when the entry still has tokens after <paramref name="what"/>.</summary>
    public void ExpectEnd(string what)
    {
        if (TryRead(out var extra))
        {
            throw Error(extra, $"unexpected {PresentationText.Describe(Span(extra))} after {what}");
        }
    }

    /// <summary>Like <see cref="ExpectEnd"/>, without building the description unless it fails.</summary>
    public void ExpectEndOfData(RecordType type)
    {
        if (TryRead(out var extra))
        {
            throw Error(extra, $"unexpected {PresentationText.Describe(Span(extra))} after the {type} data");
        }
    }

    public ReadOnlySpan<char> Span(PresentationToken token) => _text.AsSpan(token.Start, token.Length);

    public bool IsWord(PresentationToken token, string word) =>
        !token.Quoted && Span(token).Equals(word, StringComparison.OrdinalIgnoreCase);

    public DnsFormatException Error(PresentationToken token, string reason) =>
        new(reason, _file, token.Line, token.Column);

    /// <summary>An error at the reader's current place (where the missing token would have been).</summary>
    public DnsFormatException ErrorHere(string reason) =>
        _entryEnded ? new(reason, _file, _endLine, _endColumn) : new(reason, _file, _line, _pos - _lineStart + 1);

    public ushort ReadUInt16(string what) => (ushort)ReadNumber(what, ushort.MaxValue);

    public byte ReadUInt8(string what) => (byte)ReadNumber(what, byte.MaxValue);

    public uint ReadUInt32(string what) => (uint)ReadNumber(what, uint.MaxValue);

    /// <summary>A 32-bit time value that may use BIND's units (<c>1h30m</c>, <c>2w</c>), as SOA timers do.</summary>
    public uint ReadTime(string what)
    {
        var token = Read(what);
        var text = Span(token);
        if (token.Quoted || token.HasEscape)
        {
            throw Error(token, $"{what} {PresentationText.Describe(text)} is not a time: it cannot be quoted or escaped");
        }

        if (!TtlText.TryParse(text, out var seconds, out var error))
        {
            throw Error(token, $"{what} {PresentationText.Describe(text)} is not a time: {error}");
        }

        return seconds;
    }

    public DnsName ReadName(string what, DnsName? origin)
    {
        var token = Read(what);
        return ToName(token, what, origin);
    }

    public DnsName ToName(PresentationToken token, string what, DnsName? origin)
    {
        if (token.Quoted)
        {
            throw Error(token, $"{what} is a domain name and is written without quotes");
        }

        if (!DnsName.TryParse(Span(token), origin, out var name, out var error))
        {
            throw Error(token, $"{what}: {error}");
        }

        return name;
    }

    /// <summary>
    /// The octets of a token: <c>\DDD</c> is one octet, <c>\X</c> is X, other characters are their UTF-8 encoding.
    /// </summary>
    public byte[] ReadOctets(PresentationToken token)
    {
        var text = Span(token);
        if (!token.HasEscape && Ascii.IsValid(text))
        {
            var ascii = new byte[text.Length];
            Encoding.ASCII.GetBytes(text, ascii);
            return ascii;
        }

        var bytes = new List<byte>(text.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < text.Length;)
        {
            var c = text[i];
            if (c == '\\')
            {
                if (i + 1 >= text.Length)
                {
                    throw Error(token, $"{PresentationText.Describe(text)} ends with a lone backslash");
                }

                var d = text[i + 1];
                if (char.IsAsciiDigit(d))
                {
                    if (i + 3 >= text.Length || !char.IsAsciiDigit(text[i + 2]) || !char.IsAsciiDigit(text[i + 3]))
                    {
                        throw Error(token, $"{PresentationText.Describe(text)} has a \\DDD escape without three digits");
                    }

                    var value = ((d - '0') * 100) + ((text[i + 2] - '0') * 10) + (text[i + 3] - '0');
                    if (value > 255)
                    {
                        throw Error(token, $"{PresentationText.Describe(text)} has the escape \\{value}, above \\255");
                    }

                    bytes.Add((byte)value);
                    i += 4;
                    continue;
                }

                i++;
                c = text[i];
            }

            if (c < 0x80)
            {
                bytes.Add((byte)c);
                i++;
                continue;
            }

            var rune = Rune.DecodeFromUtf16(text[i..], out var rune2, out var used) == System.Buffers.OperationStatus.Done
                ? rune2
                : Rune.ReplacementChar;
            var n = rune.EncodeToUtf8(utf8);
            for (var k = 0; k < n; k++)
            {
                bytes.Add(utf8[k]);
            }

            i += Math.Max(used, 1);
        }

        return [.. bytes];
    }

    /// <summary>Hex digits from the rest of the entry, whitespace between tokens allowed (TLSA, RFC 3597 data).</summary>
    public byte[] ReadHexToEnd(string what, bool allowEmpty)
    {
        var hex = new StringBuilder();
        PresentationToken? first = null;
        while (TryRead(out var token))
        {
            first ??= token;
            var text = Span(token);
            if (token.Quoted || token.HasEscape)
            {
                throw Error(token, $"{what} must be hex digits, found {PresentationText.Describe(text)}");
            }

            foreach (var c in text)
            {
                if (!char.IsAsciiHexDigit(c))
                {
                    throw Error(token, $"{what} must be hex digits, found '{c}' in {PresentationText.Describe(text)}");
                }
            }

            hex.Append(text);
        }

        if (hex.Length == 0 && !allowEmpty)
        {
            throw ErrorHere($"missing {what}");
        }

        if (hex.Length % 2 != 0)
        {
            throw Error(first!.Value, $"{what} has an odd number of hex digits ({hex.Length}); each octet is two digits");
        }

        return Convert.FromHexString(hex.ToString());
    }

    private long ReadNumber(string what, long max)
    {
        var token = Read(what);
        var text = Span(token);
        if (!token.Quoted && !token.HasEscape && text.Length > 0 && char.IsAsciiDigit(text[0])
            && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= max)
        {
            return value;
        }

        throw Error(token, $"{what} {PresentationText.Describe(text)} is not a whole number from 0 to {max.ToString(CultureInfo.InvariantCulture)}");
    }

    private bool TryScan(out PresentationToken token)
    {
        token = default;
        if (_entryEnded)
        {
            return false;
        }

        var text = _text;
        while (true)
        {
            if (_pos >= text.Length)
            {
                if (_parenDepth > 0)
                {
                    throw new DnsFormatException(
                        $"the '(' opened here is never closed with ')'", _file, _parenLine, _parenColumn);
                }

                EndEntry();
                return false;
            }

            var c = text[_pos];
            switch (c)
            {
                case ' ' or '\t' or '\r':
                    _pos++;
                    continue;
                case '\n':
                    if (_parenDepth == 0)
                    {
                        EndEntry();
                    }

                    _pos++;
                    _line++;
                    _lineStart = _pos;
                    if (_parenDepth > 0)
                    {
                        continue;
                    }

                    return false;
                case ';':
                    while (_pos < text.Length && text[_pos] != '\n')
                    {
                        _pos++;
                    }

                    continue;
                case '(':
                    if (_parenDepth > 0)
                    {
                        throw ErrorHere($"'(' inside parentheses already opened on line {_parenLine}");
                    }

                    _parenLine = _line;
                    _parenColumn = _pos - _lineStart + 1;
                    _parenDepth++;
                    _pos++;
                    continue;
                case ')':
                    if (_parenDepth == 0)
                    {
                        throw ErrorHere("')' without a matching '('");
                    }

                    _parenDepth--;
                    _pos++;
                    continue;
                case '"':
                    token = ScanQuoted();
                    return true;
                default:
                    token = ScanWord();
                    return true;
            }
        }
    }

    /// <summary>Remembers where the entry ended, so "missing …" errors point at the end of its line.</summary>
    private void EndEntry()
    {
        _entryEnded = true;
        _endLine = _line;
        var end = _pos;
        while (end > _lineStart && _text[end - 1] is '\r')
        {
            end--;
        }

        _endColumn = end - _lineStart + 1;
    }

    private PresentationToken ScanQuoted()
    {
        var text = _text;
        var column = _pos - _lineStart + 1;
        var start = ++_pos;
        var hasEscape = false;
        while (true)
        {
            if (_pos >= text.Length || text[_pos] == '\n')
            {
                throw new DnsFormatException("this quoted string has no closing '\"' on its line", _file, _line, column);
            }

            var c = text[_pos];
            if (c == '"')
            {
                var token = new PresentationToken(start, _pos - start, true, hasEscape, _line, column);
                _pos++;
                return token;
            }

            if (c == '\\')
            {
                hasEscape = true;
                _pos++;
                if (_pos < text.Length && text[_pos] == '\n')
                {
                    throw new DnsFormatException("a backslash at the end of a line inside a quoted string", _file, _line, _pos - _lineStart);
                }
            }

            _pos++;
        }
    }

    private PresentationToken ScanWord()
    {
        var text = _text;
        var start = _pos;
        var column = _pos - _lineStart + 1;
        var hasEscape = false;
        while (_pos < text.Length)
        {
            var c = text[_pos];
            if (c is ' ' or '\t' or '\r' or '\n' or ';' or '(' or ')' or '"')
            {
                break;
            }

            if (c == '\\')
            {
                hasEscape = true;
                _pos++;
                if (_pos >= text.Length || text[_pos] is '\n' or '\r')
                {
                    throw new DnsFormatException("a backslash at the end of a line escapes nothing", _file, _line, _pos - _lineStart);
                }
            }

            _pos++;
        }

        return new PresentationToken(start, _pos - start, false, hasEscape, _line, column);
    }
}

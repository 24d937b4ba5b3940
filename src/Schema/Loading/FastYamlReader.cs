using System.Buffers;
using System.Text;

namespace Reconciler.Schema.Loading;

/// <summary>
/// A hand-written reader for the plain subset of YAML that manifests are written in: block mappings and sequences
/// (with <c>- key: value</c> items), one-line plain and quoted scalars, one-line flow collections, comments and a
/// leading <c>---</c>. It exists because YamlDotNet's general parser dominated <c>validate</c> on large portfolios.
/// <para>
/// It never decides anything YamlDotNet would decide differently: on the first thing outside the subset (anchors,
/// aliases, tags, block scalars, multi-line scalars, complex keys, duplicate keys, tabs, odd characters or
/// indentation, anything it is unsure of) it gives up and <see cref="YamlLoader"/> reads the file with YamlDotNet,
/// which also owns every diagnostic. Differential and mutation tests hold the two to the same trees and positions.
/// </para>
/// </summary>
internal sealed class FastYamlReader
{
    // Deeper nesting than any manifest has; past it YamlDotNet decides (and the recursion here stays bounded).
    private const int MaxDepth = 64;

    // YamlDotNet drops a simple key that runs past 1024 characters; keep well clear of that limit.
    private const int MaxKeyLength = 1000;

    // The ASCII the subset allows; anything else is looked at one character at a time.
    private static readonly SearchValues<char> PlainAscii = SearchValues.Create(
        "\n !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    private readonly string _text;
    private readonly string _file;

    // Entries and items of the collections being read, innermost last: each collection takes its own off the end
    // as an exact-size array, so no list is allocated (and over-allocated) per map or sequence.
    private readonly List<MapEntry> _entries = [];
    private readonly List<Node> _items = [];
    private int _pos;
    private int _line = 1;
    private int _lineStart;
    private int _depth;

    // Indentation of the content line the cursor stands on, or -1 at the end of the text.
    private int _indent;

    private FastYamlReader(string text, string file)
    {
        _text = text;
        _file = file;
    }

    /// <summary>The document, or null when the text is outside the subset and YamlDotNet must read it.</summary>
    public static Node? TryRead(string text, string file)
    {
        if (!HasOnlySubsetCharacters(text))
        {
            return null;
        }

        try
        {
            return new FastYamlReader(text, file).ReadDocument();
        }
        catch (NotInSubsetException)
        {
            return null;
        }
    }

    /// <summary>
    /// Line feeds, printable ASCII and the ordinary printable BMP characters. Excluded on purpose: tabs (indentation
    /// rules), carriage returns and the Unicode line breaks (YamlDotNet counts lines differently), the BOM, control
    /// characters and surrogate pairs.
    /// </summary>
    private static bool HasOnlySubsetCharacters(string text)
    {
        var span = text.AsSpan();
        while (true)
        {
            var i = span.IndexOfAnyExcept(PlainAscii);
            if (i < 0)
            {
                return true;
            }

            var c = span[i];
            if (c < '\u00A0' || c is '\u2028' or '\u2029' or '\uFEFF' || char.IsSurrogate(c) || c > '\uFFFD')
            {
                return false;
            }

            span = span[(i + 1)..];
        }
    }

    private Node ReadDocument()
    {
        NextContentLine();
        if (_indent < 0)
        {
            // Nothing but comments and blank lines: YamlDotNet sees no document at all.
            return new NullNode(new SourcePosition(_file, 1, 1));
        }

        if (_indent == 0 && StartsWithMarker("---"))
        {
            _pos += 3;
            FinishLine();
            NextContentLine();
            if (_indent < 0)
            {
                throw new NotInSubsetException();
            }
        }

        var root = ReadBlockNode(_indent);
        if (_indent >= 0)
        {
            throw new NotInSubsetException();
        }

        return root;
    }

    private Node ReadBlockNode(int indent)
    {
        if (++_depth > MaxDepth)
        {
            throw new NotInSubsetException();
        }

        Node node = AtBlockEntry() ? ReadBlockSequence(indent) : ReadBlockMapping(indent);
        _depth--;
        return node;
    }

    /// <summary>A block mapping whose keys stand at column <paramref name="indent"/>; the cursor is on the first key.</summary>
    private MapNode ReadBlockMapping(int indent)
    {
        var position = Here();
        var first = _entries.Count;
        HashSet<string>? keys = null;
        while (true)
        {
            var keyPosition = Here();
            var key = ReadKey(flow: false);
            if (!IsBlankOrEnd(Peek(1)))
            {
                throw new NotInSubsetException();
            }

            _pos++;
            var value = ReadBlockValue(indent);
            AddEntry(first, ref keys, new MapEntry(key, keyPosition, value));
            if (_indent < indent)
            {
                return new MapNode(TakeEntries(first), position);
            }

            // Deeper means a continued scalar or broken indentation; a '-' here is a sequence nobody asked for.
            if (_indent > indent || AtBlockEntry())
            {
                throw new NotInSubsetException();
            }
        }
    }

    /// <summary>What follows <c>key:</c> in a block mapping whose keys stand at column <paramref name="indent"/>.</summary>
    private Node ReadBlockValue(int indent)
    {
        var afterColon = Here();
        SkipSpaces();
        if (!AtLineEndOrComment())
        {
            var inline = ReadInlineValue();
            FinishLine();
            NextContentLine();
            return inline;
        }

        FinishLine();
        NextContentLine();
        if (_indent > indent)
        {
            return ReadBlockNode(_indent);
        }

        // `key:` then `- item` at the key's own column: YAML's indentless sequence.
        if (_indent == indent && AtBlockEntry())
        {
            return ReadBlockSequence(indent);
        }

        return new NullNode(afterColon);
    }

    /// <summary>A block sequence whose dashes stand at column <paramref name="indent"/>; the cursor is on the first.</summary>
    private ListNode ReadBlockSequence(int indent)
    {
        var position = Here();
        var first = _items.Count;
        while (true)
        {
            _pos++;
            var afterDash = Here();
            SkipSpaces();
            if (AtLineEndOrComment())
            {
                FinishLine();
                NextContentLine();
                var item = _indent > indent ? ReadBlockNode(_indent) : new NullNode(afterDash);
                _items.Add(item);
            }
            else if (AtBlockEntry())
            {
                // `- - x`: a sequence opened on its parent's line.
                throw new NotInSubsetException();
            }
            else
            {
                var item = ReadEntryContent();
                _items.Add(item);
            }

            if (_indent == indent && AtBlockEntry())
            {
                continue;
            }

            // At the same column without a dash the parent (a mapping, for an indentless sequence) decides.
            if (_indent > indent)
            {
                throw new NotInSubsetException();
            }

            return new ListNode(TakeItems(first), position);
        }
    }

    /// <summary>What follows <c>- </c> on the same line: a scalar, a flow collection or the first key of a mapping.</summary>
    private Node ReadEntryContent()
    {
        var start = _pos;
        var c = Peek();
        if (c is '[' or '{')
        {
            var flow = ReadInlineValue();
            FinishLine();
            NextContentLine();
            return flow;
        }

        var position = Here();
        var plain = c is not ('\'' or '"');
        var text = plain ? ReadPlain(flow: false) : ReadQuoted();
        if (Peek() == ':')
        {
            // `- key: value`: the mapping's keys stand at the column of this first key.
            _pos = start;
            return ReadBlockNodeAsMapping(position.Column - 1);
        }

        FinishLine();
        NextContentLine();
        return YamlScalars.Resolve(text, plain, position);
    }

    private Node ReadBlockNodeAsMapping(int indent)
    {
        if (++_depth > MaxDepth)
        {
            throw new NotInSubsetException();
        }

        var node = ReadBlockMapping(indent);
        _depth--;
        return node;
    }

    /// <summary>A value written on its key's (or dash's) line: a flow collection or a one-line scalar.</summary>
    private Node ReadInlineValue() => ReadValue(flow: false);

    /// <summary>A flow collection or a scalar; inside a flow collection (<paramref name="flow"/>) a plain scalar also
    /// ends at <c>,]}</c>.</summary>
    private Node ReadValue(bool flow)
    {
        var position = Here();
        switch (Peek())
        {
            case '[':
                return ReadFlowSequence();
            case '{':
                return ReadFlowMapping();
            case '\'' or '"':
                return new StringNode(ReadQuoted(), position);
            default:
                return YamlScalars.Resolve(ReadPlain(flow), plain: true, position);
        }
    }

    /// <summary>
    /// A mapping key up to (not past) its ':'. Plain keys resolve like values (<c>1.0:</c> is the key "1"), as the
    /// YamlDotNet path does; <c>&lt;&lt;</c> is a merge key, which only that path implements.
    /// </summary>
    private string ReadKey(bool flow)
    {
        var start = _pos;
        var position = Here();
        string key;
        if (Peek() is '\'' or '"')
        {
            key = ReadQuoted();
        }
        else
        {
            var text = ReadPlain(flow);
            if (text == "<<")
            {
                throw new NotInSubsetException();
            }

            key = YamlScalars.KeyText(YamlScalars.Resolve(text, plain: true, position));
        }

        if (Peek() != ':' || _pos - start > MaxKeyLength)
        {
            throw new NotInSubsetException();
        }

        return key;
    }

    private ListNode ReadFlowSequence()
    {
        var position = Here();
        Enter();
        _pos++;
        SkipSpaces();
        var first = _items.Count;
        if (Peek() == ']')
        {
            _pos++;
            _depth--;
            return new ListNode([], position);
        }

        while (true)
        {
            var item = ReadFlowItem();
            _items.Add(item);
            SkipSpaces();
            if (!AtFlowSeparator(']'))
            {
                _depth--;
                return new ListNode(TakeItems(first), position);
            }
        }
    }

    private MapNode ReadFlowMapping()
    {
        var position = Here();
        Enter();
        _pos++;
        SkipSpaces();
        var first = _entries.Count;
        HashSet<string>? keys = null;
        if (Peek() == '}')
        {
            _pos++;
            _depth--;
            return new MapNode([], position);
        }

        while (true)
        {
            var keyPosition = Here();
            if (Peek() is '[' or '{')
            {
                throw new NotInSubsetException();
            }

            var key = ReadKey(flow: true);
            if (Peek(1) != ' ')
            {
                throw new NotInSubsetException();
            }

            _pos++;
            SkipSpaces();
            if (Peek() is ',' or '}')
            {
                // `{ key: }`: an empty value; rare enough to leave to YamlDotNet.
                throw new NotInSubsetException();
            }

            var value = ReadFlowItem();
            AddEntry(first, ref keys, new MapEntry(key, keyPosition, value));
            SkipSpaces();
            if (!AtFlowSeparator('}'))
            {
                _depth--;
                return new MapNode(TakeEntries(first), position);
            }
        }
    }

    /// <summary>
    /// After a flow item: true past a ',' with another item to come, false past the closing bracket. A trailing
    /// comma, a comment, a line break or a stray ':' (a pair in a sequence) is outside the subset.
    /// </summary>
    private bool AtFlowSeparator(char close)
    {
        var c = Peek();
        if (c == close)
        {
            _pos++;
            return false;
        }

        if (c != ',')
        {
            throw new NotInSubsetException();
        }

        _pos++;
        SkipSpaces();
        if (Peek() is ']' or '}')
        {
            throw new NotInSubsetException();
        }

        return true;
    }

    private Node ReadFlowItem() => ReadValue(flow: true);

    private void Enter()
    {
        if (++_depth > MaxDepth)
        {
            throw new NotInSubsetException();
        }
    }

    /// <summary>
    /// A one-line plain scalar, leaving the cursor just past its last non-space character. It ends where
    /// YamlDotNet's scanner ends one: at ': ' (or ':' before ',' in flow), at ' #', at the line end, and in flow
    /// context at any of ",[]{}". Spaces inside are kept as written; a following line is the caller's concern.
    /// </summary>
    private string ReadPlain(bool flow)
    {
        if (!CanStartPlain(flow))
        {
            throw new NotInSubsetException();
        }

        var start = _pos;
        var end = _pos;
        while (true)
        {
            var segment = _pos;
            while (true)
            {
                var c = Peek();
                if (c is ' ' or '\n' or '\0')
                {
                    break;
                }

                if (c == ':' && (IsBlankOrEnd(Peek(1)) || (flow && Peek(1) == ',')))
                {
                    break;
                }

                if (flow && c is ',' or '[' or ']' or '{' or '}')
                {
                    break;
                }

                _pos++;
            }

            if (_pos > segment)
            {
                end = _pos;
            }

            if (Peek() != ' ')
            {
                break;
            }

            var next = _pos;
            while (next < _text.Length && _text[next] == ' ')
            {
                next++;
            }

            if (next >= _text.Length || _text[next] is '\n' or '#')
            {
                break;
            }

            _pos = next;
        }

        _pos = end;
        return _text.Substring(start, end - start);
    }

    /// <summary>
    /// The characters YamlDotNet lets start a plain scalar, minus the ones whose meaning depends on context
    /// ('?', ':', and '-' before a flow indicator).
    /// </summary>
    private bool CanStartPlain(bool flow)
    {
        var c = Peek();
        if (c == '-')
        {
            var next = Peek(1);
            return !IsBlankOrEnd(next) && !(flow && next is ',' or '[' or ']' or '{' or '}');
        }

        return c is not (' ' or '\n' or '\0' or '?' or ':' or ',' or '[' or ']' or '{' or '}' or '#' or '&' or '*'
            or '!' or '|' or '>' or '\'' or '"' or '%' or '@' or '`');
    }

    /// <summary>A quoted scalar closed on its own line; the cursor ends just past the closing quote.</summary>
    private string ReadQuoted()
    {
        var quote = _text[_pos];
        _pos++;
        var start = _pos;
        StringBuilder? unescaped = null;
        while (true)
        {
            var c = Peek();
            if (c is '\n' or '\0')
            {
                throw new NotInSubsetException();
            }

            if (c == quote)
            {
                if (quote == '\'' && Peek(1) == '\'')
                {
                    unescaped ??= new StringBuilder().Append(_text, start, _pos - start);
                    unescaped.Append('\'');
                    _pos += 2;
                    continue;
                }

                var value = unescaped?.ToString() ?? _text.Substring(start, _pos - start);
                _pos++;
                return value;
            }

            if (quote == '"' && c == '\\')
            {
                unescaped ??= new StringBuilder().Append(_text, start, _pos - start);
                ReadEscape(unescaped);
                continue;
            }

            unescaped?.Append(c);
            _pos++;
        }
    }

    private void ReadEscape(StringBuilder into)
    {
        var code = Peek(1);
        _pos += 2;
        switch (code)
        {
            case '0': into.Append('\0'); return;
            case 'a': into.Append('\a'); return;
            case 'b': into.Append('\b'); return;
            case 't': into.Append('\t'); return;
            case 'n': into.Append('\n'); return;
            case 'v': into.Append('\v'); return;
            case 'f': into.Append('\f'); return;
            case 'r': into.Append('\r'); return;
            case 'e': into.Append('\x1B'); return;
            case ' ': into.Append(' '); return;
            case '"': into.Append('"'); return;
            case '\\': into.Append('\\'); return;
            case '/': into.Append('/'); return;
            case 'N': into.Append('\u0085'); return;
            case '_': into.Append('\u00A0'); return;
            case 'L': into.Append('\u2028'); return;
            case 'P': into.Append('\u2029'); return;
            case 'x': into.Append((char)ReadHex(2)); return;
            case 'u': AppendCodePoint(into, ReadHex(4)); return;
            case 'U': AppendCodePoint(into, ReadHex(8)); return;
            default:
                // Unknown escapes and line continuations ('\' at the line end) are YamlDotNet's to judge.
                throw new NotInSubsetException();
        }
    }

    private int ReadHex(int digits)
    {
        var value = 0;
        for (var i = 0; i < digits; i++)
        {
            var c = Peek();
            if (!char.IsAsciiHexDigit(c) || value > 0x10FFFF)
            {
                throw new NotInSubsetException();
            }

            value = (value << 4) | (c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
            _pos++;
        }

        return value;
    }

    private static void AppendCodePoint(StringBuilder into, int codePoint)
    {
        // Lone surrogates and values past Unicode: leave the verdict to YamlDotNet.
        if (codePoint > 0x10FFFF || codePoint is >= 0xD800 and <= 0xDFFF)
        {
            throw new NotInSubsetException();
        }

        if (codePoint < 0x10000)
        {
            into.Append((char)codePoint);
        }
        else
        {
            into.Append(char.ConvertFromUtf32(codePoint));
        }
    }

    private void AddEntry(int first, ref HashSet<string>? keys, MapEntry entry)
    {
        // Duplicate keys are an error only the YamlDotNet path reports, so it stays the one source of that message.
        if (keys is null)
        {
            for (var i = first; i < _entries.Count; i++)
            {
                if (string.Equals(_entries[i].Key, entry.Key, StringComparison.Ordinal))
                {
                    throw new NotInSubsetException();
                }
            }

            // Past a handful of keys a set beats scanning.
            if (_entries.Count - first >= 8)
            {
                keys = new HashSet<string>(StringComparer.Ordinal);
                for (var i = first; i < _entries.Count; i++)
                {
                    keys.Add(_entries[i].Key);
                }
            }
        }

        if (keys is not null && !keys.Add(entry.Key))
        {
            throw new NotInSubsetException();
        }

        _entries.Add(entry);
    }

    private MapEntry[] TakeEntries(int first)
    {
        var taken = new MapEntry[_entries.Count - first];
        _entries.CopyTo(first, taken, 0, taken.Length);
        _entries.RemoveRange(first, taken.Length);
        return taken;
    }

    private Node[] TakeItems(int first)
    {
        var taken = new Node[_items.Count - first];
        _items.CopyTo(first, taken, 0, taken.Length);
        _items.RemoveRange(first, taken.Length);
        return taken;
    }

    /// <summary>The rest of a line after its value: spaces, then a comment (after a space) or nothing.</summary>
    private void FinishLine()
    {
        SkipSpaces();
        if (Peek() == '#')
        {
            // A '#' glued to a value ("'x'#c") is a comment to YamlDotNet only sometimes; not worth knowing when.
            if (_pos > _lineStart && _text[_pos - 1] != ' ')
            {
                throw new NotInSubsetException();
            }

            var end = _text.IndexOf('\n', _pos);
            _pos = end < 0 ? _text.Length : end;
        }

        if (_pos >= _text.Length)
        {
            return;
        }

        if (_text[_pos] != '\n')
        {
            throw new NotInSubsetException();
        }

        _pos++;
        _line++;
        _lineStart = _pos;
    }

    /// <summary>From a line start, past blank and comment lines to the first character of the next content line.</summary>
    private void NextContentLine()
    {
        while (true)
        {
            SkipSpaces();
            if (_pos >= _text.Length)
            {
                _indent = -1;
                return;
            }

            var c = _text[_pos];
            if (c == '#')
            {
                var end = _text.IndexOf('\n', _pos);
                _pos = end < 0 ? _text.Length : end;
                continue;
            }

            if (c == '\n')
            {
                _pos++;
                _line++;
                _lineStart = _pos;
                continue;
            }

            _indent = _pos - _lineStart;

            // Document markers and directives after the start: several documents, or YamlDotNet's business.
            if (_indent == 0 && (StartsWithMarker("---") || StartsWithMarker("...") || c == '%'))
            {
                if (_line > 1 || _pos != 0 || c != '-')
                {
                    throw new NotInSubsetException();
                }
            }

            return;
        }
    }

    private bool StartsWithMarker(string marker) =>
        _text.AsSpan(_pos).StartsWith(marker, StringComparison.Ordinal) && IsBlankOrEnd(Peek(3));

    private bool AtBlockEntry() => Peek() == '-' && IsBlankOrEnd(Peek(1));

    private bool AtLineEndOrComment() => Peek() is '\n' or '\0' or '#';

    private void SkipSpaces()
    {
        while (_pos < _text.Length && _text[_pos] == ' ')
        {
            _pos++;
        }
    }

    // '\0' stands for the end of the text: the character check keeps real NULs out.
    private char Peek(int ahead = 0) => _pos + ahead < _text.Length ? _text[_pos + ahead] : '\0';

    private static bool IsBlankOrEnd(char c) => c is ' ' or '\n' or '\0';

    private SourcePosition Here() => new(_file, _line, _pos - _lineStart + 1);

    /// <summary>Thrown on the first thing outside the subset; caught in <see cref="TryRead"/> only.</summary>
    private sealed class NotInSubsetException : Exception;
}

using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text;

namespace Reconciler.Migration.Imap;

/// <summary>
/// Splits the server's byte stream into IMAP tokens. A token's value is copied into one reusable buffer and stays
/// valid until the next read, so parsing allocates nothing unless a caller asks for a string. Literal contents are
/// not tokens: after a <see cref="ImapTokenKind.Literal"/> the caller reads or streams the bytes; whatever it
/// leaves unread is skipped by the next token read.
/// </summary>
internal sealed class ImapTokenizer : IDisposable
{
    // No atom, quoted string or text line from a sane server comes near this; more is a broken or hostile peer.
    internal const int MaxTokenLength = 1 << 20;

    private static ReadOnlySpan<byte> AtomEnd => " ()]{\"\r\n"u8;

    private static ReadOnlySpan<byte> AstringEnd => " (){\"\r\n"u8;

    private static ReadOnlySpan<byte> QuotedSpecial => "\"\\\r\n"u8;

    private readonly PipeReader _reader;
    private ReadOnlySequence<byte> _buffer;
    private bool _holdingBuffer;
    private bool _endOfStream;
    private byte[] _value;
    private int _valueLength;
    private long _literalRemaining;
    private bool _atLineStart = true;

    public ImapTokenizer(PipeReader reader)
    {
        _reader = reader;
        _value = ArrayPool<byte>.Shared.Rent(512);
    }

    public ImapTokenKind Kind { get; private set; }

    /// <summary>Atom or unescaped quoted-string bytes of the current token.</summary>
    public ReadOnlySpan<byte> Value => _value.AsSpan(0, _valueLength);

    public long LiteralLength { get; private set; }

    public long LiteralRemaining => _literalRemaining;

    /// <summary>Bytes received but not yet parsed (must be 0 before a STARTTLS upgrade, else it was injected).</summary>
    public long BufferedLength => _buffer.Length;

    public string ValueAsString() => Encoding.UTF8.GetString(Value);

    public bool ValueIs(ReadOnlySpan<byte> upperAscii) => System.Text.Ascii.EqualsIgnoreCase(Value, upperAscii);

    /// <summary>Next token. In <paramref name="astring"/> mode ']' belongs to atoms (mailbox names may contain it).</summary>
    public ValueTask<ImapTokenKind> ReadTokenAsync(CancellationToken cancellationToken, bool astring = false)
    {
        if (_literalRemaining == 0 && TryReadToken(astring))
        {
            return new ValueTask<ImapTokenKind>(Kind);
        }

        return ReadTokenSlowAsync(astring, cancellationToken);
    }

    /// <summary>The next non-space byte without consuming it (spaces before it are consumed).</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<byte> PeekAsync(CancellationToken cancellationToken)
    {
        await SkipLiteralAsync(cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var r = new SequenceReader<byte>(_buffer);
            r.AdvancePast((byte)' ');
            _buffer = _buffer.Slice(r.Position);
            if (r.TryPeek(out var b))
            {
                return b;
            }

            await FillAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Rest of the line as free text (resp-text), consuming the CRLF. Returns null when not captured.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<string?> ReadTextAsync(bool capture, CancellationToken cancellationToken)
    {
        await SkipLiteralAsync(cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var r = new SequenceReader<byte>(_buffer);
            if (r.TryReadTo(out ReadOnlySequence<byte> line, (byte)'\n'))
            {
                if (line.Length > 0 && line.Slice(line.Length - 1).FirstSpan[0] == (byte)'\r')
                {
                    line = line.Slice(0, line.Length - 1);
                }

                var text = capture ? Encoding.UTF8.GetString(line).Trim() : null;
                _buffer = _buffer.Slice(r.Position);
                _atLineStart = true;
                Kind = ImapTokenKind.EndOfLine;
                return text;
            }

            if (_buffer.Length > MaxTokenLength)
            {
                throw new ImapProtocolException("The server sent a text line longer than 1 MiB.");
            }

            await FillAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads up to <paramref name="destination"/>.Length bytes of the current literal; 0 at its end.</summary>
    public ValueTask<int> ReadLiteralAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        if (_literalRemaining == 0 || destination.IsEmpty)
        {
            return new ValueTask<int>(0);
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<int>(cancellationToken);
        }

        if (!_buffer.IsEmpty)
        {
            return new ValueTask<int>(CopyLiteral(destination.Span));
        }

        return ReadLiteralSlowAsync(destination, cancellationToken);
    }

    /// <summary>Writes the rest of the current literal to <paramref name="destination"/> straight from the receive buffers.</summary>
    public async ValueTask CopyLiteralToAsync(Stream destination, CancellationToken cancellationToken)
    {
        while (_literalRemaining > 0)
        {
            if (_buffer.IsEmpty)
            {
                await FillAsync(cancellationToken).ConfigureAwait(false);
            }

            var chunk = _buffer.Slice(0, Math.Min(_buffer.Length, _literalRemaining));
            foreach (var segment in chunk)
            {
                await destination.WriteAsync(segment, cancellationToken).ConfigureAwait(false);
            }

            _buffer = _buffer.Slice(chunk.Length);
            _literalRemaining -= chunk.Length;
        }
    }

    /// <summary>The whole current literal as a new array; refuses literals above <paramref name="maxLength"/>.</summary>
    public async ValueTask<byte[]> ReadLiteralBytesAsync(int maxLength, CancellationToken cancellationToken)
    {
        if (_literalRemaining > maxLength)
        {
            throw new ImapProtocolException(
                $"The server sent a {_literalRemaining}-byte literal where at most {maxLength} bytes were expected.");
        }

        var bytes = new byte[_literalRemaining];
        var filled = 0;
        while (filled < bytes.Length)
        {
            filled += await ReadLiteralAsync(bytes.AsMemory(filled), cancellationToken).ConfigureAwait(false);
        }

        return bytes;
    }

    public async ValueTask SkipLiteralAsync(CancellationToken cancellationToken)
    {
        while (_literalRemaining > 0)
        {
            if (_buffer.IsEmpty)
            {
                await FillAsync(cancellationToken).ConfigureAwait(false);
            }

            var n = Math.Min(_buffer.Length, _literalRemaining);
            _buffer = _buffer.Slice(n);
            _literalRemaining -= n;
        }
    }

    /// <summary>Gives consumed bytes back to the pipe (before the pipe is completed, e.g. for a TLS upgrade).</summary>
    public void Release()
    {
        if (_holdingBuffer)
        {
            _reader.AdvanceTo(_buffer.Start, _buffer.End);
            _holdingBuffer = false;
        }
    }

    public void Dispose()
    {
        var value = _value;
        _value = [];
        if (value.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(value);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<ImapTokenKind> ReadTokenSlowAsync(bool astring, CancellationToken cancellationToken)
    {
        await SkipLiteralAsync(cancellationToken).ConfigureAwait(false);
        while (!TryReadToken(astring))
        {
            if (_buffer.Length > MaxTokenLength + 64)
            {
                throw new ImapProtocolException("The server sent a token longer than 1 MiB.");
            }

            await FillAsync(cancellationToken).ConfigureAwait(false);
        }

        return Kind;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> ReadLiteralSlowAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        await FillAsync(cancellationToken).ConfigureAwait(false);
        return CopyLiteral(destination.Span);
    }

    private int CopyLiteral(Span<byte> destination)
    {
        var n = (int)Math.Min(Math.Min(destination.Length, _buffer.Length), _literalRemaining);
        _buffer.Slice(0, n).CopyTo(destination);
        _buffer = _buffer.Slice(n);
        _literalRemaining -= n;
        return n;
    }

    /// <summary>Waits for more bytes than are buffered now; end of stream here means the connection is gone.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        if (_endOfStream)
        {
            throw new ImapConnectionLostException("The IMAP server closed the connection.");
        }

        var before = _buffer.Length;
        if (_holdingBuffer)
        {
            _reader.AdvanceTo(_buffer.Start, _buffer.End);
            _holdingBuffer = false;
        }

        ReadResult result;
        try
        {
            result = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or ImapException))
        {
            // Socket and TLS errors all mean the same to callers: the connection is gone.
            throw new ImapConnectionLostException("Reading from the IMAP server failed.", ex);
        }

        _holdingBuffer = true;
        _buffer = result.Buffer;
        if (result.IsCanceled)
        {
            // Only closing the connection cancels a pending read.
            throw new ImapConnectionLostException("The connection to the IMAP server was closed.");
        }

        if (result.IsCompleted)
        {
            _endOfStream = true;
            if (_buffer.Length <= before)
            {
                throw new ImapConnectionLostException("The IMAP server closed the connection.");
            }
        }
    }

    private bool TryReadToken(bool astring)
    {
        var r = new SequenceReader<byte>(_buffer);
        r.AdvancePast((byte)' ');
        if (!r.TryPeek(out var first))
        {
            return false;
        }

        _valueLength = 0;
        switch (first)
        {
            case (byte)'\r':
                if (r.Remaining < 2)
                {
                    return false;
                }

                r.Advance(1);
                r.TryRead(out var lf);
                if (lf != (byte)'\n')
                {
                    throw new ImapProtocolException("The server sent a CR not followed by LF.");
                }

                Kind = ImapTokenKind.EndOfLine;
                break;
            case (byte)'\n':
                r.Advance(1);
                Kind = ImapTokenKind.EndOfLine;
                break;
            case (byte)'(':
                r.Advance(1);
                Kind = ImapTokenKind.OpenParen;
                break;
            case (byte)')':
                r.Advance(1);
                Kind = ImapTokenKind.CloseParen;
                break;
            case (byte)'[' when !astring:
                r.Advance(1);
                Kind = ImapTokenKind.OpenBracket;
                break;
            case (byte)']' when !astring:
                r.Advance(1);
                Kind = ImapTokenKind.CloseBracket;
                break;
            case (byte)'*' when _atLineStart:
                r.Advance(1);
                Kind = ImapTokenKind.Asterisk;
                break;
            case (byte)'+' when _atLineStart:
                r.Advance(1);
                Kind = ImapTokenKind.Plus;
                break;
            case (byte)'"':
                r.Advance(1);
                if (!TryReadQuoted(ref r))
                {
                    return false;
                }

                Kind = ImapTokenKind.QuotedString;
                break;
            case (byte)'{':
                r.Advance(1);
                if (!TryReadLiteralHeader(ref r))
                {
                    return false;
                }

                break;
            case (byte)'~' when r.Remaining >= 2 && PeekSecond(r) == (byte)'{':
                r.Advance(2);
                if (!TryReadLiteralHeader(ref r))
                {
                    return false;
                }

                break;
            default:
                if (!TryReadAtom(ref r, astring))
                {
                    return false;
                }

                break;
        }

        _buffer = _buffer.Slice(r.Position);
        _atLineStart = Kind == ImapTokenKind.EndOfLine;
        return true;
    }

    private static byte PeekSecond(SequenceReader<byte> r)
    {
        r.Advance(1);
        return r.TryPeek(out var b) ? b : (byte)0;
    }

    private bool TryReadAtom(ref SequenceReader<byte> r, bool astring)
    {
        if (!r.TryReadToAny(out ReadOnlySequence<byte> atom, astring ? AstringEnd : AtomEnd, advancePastDelimiter: false))
        {
            return false;
        }

        if (atom.IsEmpty)
        {
            r.TryPeek(out var bad);
            throw new ImapProtocolException($"The server sent an unexpected character '{(char)bad}'.");
        }

        AppendValue(atom);
        foreach (var b in Value)
        {
            if (b < 0x20 || b == 0x7f)
            {
                throw new ImapProtocolException("The server sent a control character inside an atom.");
            }
        }

        Kind = Value.Length == 3 && ValueIs("NIL"u8) ? ImapTokenKind.Nil : ImapTokenKind.Atom;
        return true;
    }

    private bool TryReadQuoted(ref SequenceReader<byte> r)
    {
        while (true)
        {
            if (!r.TryReadToAny(out ReadOnlySequence<byte> run, QuotedSpecial, advancePastDelimiter: false))
            {
                return false;
            }

            AppendValue(run);
            r.TryRead(out var special);
            switch (special)
            {
                case (byte)'"':
                    return true;
                case (byte)'\\':
                    if (!r.TryRead(out var escaped))
                    {
                        return false;
                    }

                    AppendByte(escaped);
                    break;
                default:
                    throw new ImapProtocolException("The server sent a line break inside a quoted string.");
            }
        }
    }

    private bool TryReadLiteralHeader(ref SequenceReader<byte> r)
    {
        if (!r.TryReadTo(out ReadOnlySequence<byte> inside, (byte)'}'))
        {
            if (r.Remaining > 24)
            {
                throw new ImapProtocolException("The server sent a malformed literal length.");
            }

            return false;
        }

        Span<byte> digits = stackalloc byte[24];
        if (inside.Length is 0 or > 21)
        {
            throw new ImapProtocolException("The server sent a malformed literal length.");
        }

        inside.CopyTo(digits);
        var span = digits[..(int)inside.Length];
        if (span[^1] == (byte)'+')
        {
            span = span[..^1];
        }

        if (!System.Buffers.Text.Utf8Parser.TryParse(span, out long length, out var used) || used != span.Length ||
            length < 0)
        {
            throw new ImapProtocolException("The server sent a malformed literal length.");
        }

        if (!r.TryPeek(out var next))
        {
            return false;
        }

        if (next == (byte)'\r')
        {
            if (r.Remaining < 2)
            {
                return false;
            }

            r.Advance(1);
            r.TryPeek(out next);
        }

        if (next != (byte)'\n')
        {
            throw new ImapProtocolException("A literal length was not followed by CRLF.");
        }

        r.Advance(1);
        Kind = ImapTokenKind.Literal;
        LiteralLength = length;
        _literalRemaining = length;
        return true;
    }

    private void AppendByte(byte b)
    {
        if (_valueLength + 1 > MaxTokenLength)
        {
            throw new ImapProtocolException("The server sent a token longer than 1 MiB.");
        }

        if (_valueLength == _value.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(_value.Length * 2);
            _value.AsSpan(0, _valueLength).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_value);
            _value = bigger;
        }

        _value[_valueLength++] = b;
    }

    private void AppendValue(ReadOnlySequence<byte> bytes)
    {
        var needed = _valueLength + (int)Math.Min(bytes.Length, MaxTokenLength + 1L);
        if (needed > MaxTokenLength)
        {
            throw new ImapProtocolException("The server sent a token longer than 1 MiB.");
        }

        if (needed > _value.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _value.Length * 2));
            _value.AsSpan(0, _valueLength).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_value);
            _value = bigger;
        }

        bytes.CopyTo(_value.AsSpan(_valueLength));
        _valueLength = needed;
    }
}

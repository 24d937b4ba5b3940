using System.Buffers;
using System.Buffers.Text;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text;

namespace Reconciler.Migration.Imap;

/// <summary>
/// Writes one command at a time into the connection's pipe (the engine serializes commands). Chooses atom, quoted
/// string or literal for each string; uses non-synchronizing literals when the server allows them, otherwise waits
/// for the "+" continuation. Mirrors everything to the protocol logger except secrets, which show as <c>****</c>.
/// </summary>
internal sealed class ImapCommandWriter
{
    // Large literals are pushed out in pieces of about this size, so a 50 MB message needs no 50 MB buffer.
    private const int FlushThreshold = 64 * 1024;
    private const int MaxQuotedLength = 1024;

    private static readonly SearchValues<char> AtomChars = SearchValues.Create(
        "!#$&'+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ^_`abcdefghijklmnopqrstuvwxyz|~[");

    private readonly ImapEngine _engine;
    private PipeWriter? _pipe;
    private IImapProtocolLogger? _logger;
    private ImapCommand? _command;
    private long _unflushed;

    public ImapCommandWriter(ImapEngine engine) => _engine = engine;

    private PipeWriter Pipe => _pipe ?? throw new InvalidOperationException("The writer is not attached to a connection.");

    public void Attach(PipeWriter pipe, IImapProtocolLogger? logger)
    {
        _pipe = pipe;
        _logger = logger;
        _unflushed = 0;
    }

    /// <summary>The command being written (or last written).</summary>
    public ImapCommand? Command => _command;

    public void Begin(ImapCommand command)
    {
        _command = command;
        Span<byte> tag = stackalloc byte[12];
        tag[0] = (byte)'A';
        Utf8Formatter.TryFormat(command.Tag, tag[1..], out var n);
        Write(tag[..(n + 1)]);
        Write(" "u8);
        WriteAscii(command.Name);
    }

    public void Write(ReadOnlySpan<byte> ascii)
    {
        Pipe.Write(ascii);
        _unflushed += ascii.Length;
        _logger?.LogClient(ascii);
    }

    public void WriteAscii(string ascii)
    {
        var span = Pipe.GetSpan(ascii.Length);
        var n = Encoding.ASCII.GetBytes(ascii, span);
        _logger?.LogClient(span[..n]);
        Pipe.Advance(n);
        _unflushed += n;
    }

    /// <summary>Sends <paramref name="bytes"/> but shows only <c>****</c> to the protocol logger.</summary>
    public void WriteSecret(ReadOnlySpan<byte> bytes)
    {
        Pipe.Write(bytes);
        _unflushed += bytes.Length;
        _logger?.LogClient("****"u8);
    }

    public void WriteSpace() => Write(" "u8);

    public void WriteCrlf() => Write("\r\n"u8);

    public void WriteNumber(ulong value)
    {
        Span<byte> digits = stackalloc byte[20];
        Utf8Formatter.TryFormat(value, digits, out var n);
        Write(digits[..n]);
    }

    public void WriteUidSet(UidSet uids)
    {
        if (uids.IsEmpty)
        {
            throw new ArgumentException("An empty UID set cannot be sent.", nameof(uids));
        }

        var span = Pipe.GetSpan(64);
        if (uids.TryFormat(span, out var n))
        {
            _logger?.LogClient(span[..n]);
            Pipe.Advance(n);
            _unflushed += n;
        }
        else
        {
            WriteAscii(uids.ToString());
        }
    }

    /// <summary>"(\Seen \Flagged keyword)"; \Recent is left out because no server accepts storing it.</summary>
    public void WriteFlagList(ImapMessageFlags flags, IReadOnlyList<string> keywords)
    {
        Write("("u8);
        var first = true;
        void Sep(ref bool f)
        {
            if (!f)
            {
                WriteSpace();
            }

            f = false;
        }

        if ((flags & ImapMessageFlags.Seen) != 0)
        {
            Sep(ref first);
            Write("\\Seen"u8);
        }

        if ((flags & ImapMessageFlags.Answered) != 0)
        {
            Sep(ref first);
            Write("\\Answered"u8);
        }

        if ((flags & ImapMessageFlags.Flagged) != 0)
        {
            Sep(ref first);
            Write("\\Flagged"u8);
        }

        if ((flags & ImapMessageFlags.Deleted) != 0)
        {
            Sep(ref first);
            Write("\\Deleted"u8);
        }

        if ((flags & ImapMessageFlags.Draft) != 0)
        {
            Sep(ref first);
            Write("\\Draft"u8);
        }

        foreach (var keyword in keywords)
        {
            if (!IsValidKeyword(keyword))
            {
                // Callers validate before sending (ImapAppendMessage.Validate); this is the last line of defence.
                throw new ArgumentException($"'{keyword}' is not a valid IMAP keyword (atom characters only).", nameof(keywords));
            }

            Sep(ref first);
            WriteAscii(keyword);
        }

        Write(")"u8);
    }

    /// <summary>A flag keyword is an atom: printable ASCII without specials such as ( ) { ] % * " \ or space.</summary>
    public static bool IsValidKeyword(string keyword) =>
        keyword.Length > 0 && !keyword.AsSpan().ContainsAnyExcept(AtomChars) && keyword[0] != '\\';

    /// <summary>A quoted string of printable ASCII (dates and the like).</summary>
    public void WriteQuoted(string value)
    {
        Write("\""u8);
        foreach (var c in value)
        {
            if (c is '"' or '\\')
            {
                Write("\\"u8);
            }

            Span<byte> one = [(byte)c];
            Write(one);
        }

        Write("\""u8);
    }

    /// <summary>A mailbox name: modified UTF-7 first, then as an astring.</summary>
    public ValueTask WriteMailboxAsync(string name, CancellationToken ct) =>
        WriteAstringAsync(ModifiedUtf7.Encode(name), ct);

    /// <summary>Atom when safe, quoted when it is short 7-bit text, else a UTF-8 literal.</summary>
    public ValueTask WriteAstringAsync(string value, CancellationToken ct, bool secret = false)
    {
        if (value.Length > 0 && !value.AsSpan().ContainsAnyExcept(AtomChars) &&
            !value.Equals("NIL", StringComparison.OrdinalIgnoreCase))
        {
            WriteMaybeSecret(value, quoted: false, secret);
            return ValueTask.CompletedTask;
        }

        if (value.Length <= MaxQuotedLength && IsQuotable(value))
        {
            WriteMaybeSecret(value, quoted: true, secret);
            return ValueTask.CompletedTask;
        }

        return WriteLiteralAsync(Encoding.UTF8.GetBytes(value), secret, ct);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask WriteLiteralAsync(ReadOnlyMemory<byte> data, bool secret, CancellationToken ct)
    {
        if (secret)
        {
            _logger?.LogClient("****"u8);
        }

        var logger = _logger;
        _logger = secret ? null : logger;
        try
        {
            await WriteLiteralHeaderAsync(data.Length, ct).ConfigureAwait(false);
            while (!data.IsEmpty)
            {
                var chunk = data[..Math.Min(data.Length, FlushThreshold)];
                Write(chunk.Span);
                data = data[chunk.Length..];
                if (_unflushed >= FlushThreshold)
                {
                    await FlushAsync(ct).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            _logger = logger;
        }
    }

    /// <summary>Copies exactly <paramref name="length"/> bytes from <paramref name="content"/> as a literal, in bounded pieces.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask WriteLiteralAsync(Stream content, long length, CancellationToken ct)
    {
        await WriteLiteralHeaderAsync(length, ct).ConfigureAwait(false);
        var remaining = length;
        while (remaining > 0)
        {
            // No size hint: asking for a big block would start a new pipe segment for every small message.
            var memory = Pipe.GetMemory();
            var want = (int)Math.Min(memory.Length, remaining);
            var n = await content.ReadAsync(memory[..want], ct).ConfigureAwait(false);
            if (n == 0)
            {
                throw new InvalidDataException(
                    $"The message stream ended {remaining} bytes before its declared length of {length} bytes.");
            }

            _logger?.LogClient(memory.Span[..n]);
            Pipe.Advance(n);
            remaining -= n;
            _unflushed += n;
            if (_unflushed >= FlushThreshold)
            {
                await FlushAsync(ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Sends what is buffered and waits for the server's "+"; returns its text (a SASL challenge).</summary>
    public async ValueTask<string?> WaitForContinuationAsync(CancellationToken ct)
    {
        var waiter = _engine.ExpectContinuation(_command ?? throw new InvalidOperationException("No command is being written."));
        await FlushAsync(ct).ConfigureAwait(false);
        return await waiter.WaitAsync(ct).ConfigureAwait(false);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask FlushAsync(CancellationToken ct)
    {
        _unflushed = 0;
        FlushResult result;
        try
        {
            result = await Pipe.FlushAsync(ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw _engine.ConnectionLost("Sending to the IMAP server failed.", ex);
        }

        if (result.IsCanceled || result.IsCompleted)
        {
            throw _engine.ConnectionLost("The connection to the IMAP server is closed.", null);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask WriteLiteralHeaderAsync(long length, CancellationToken ct)
    {
        var caps = _engine.Capabilities;
        var nonSynchronizing = caps.LiteralPlus || (caps.LiteralMinus && length <= 4096);
        Write("{"u8);
        WriteNumber((ulong)length);
        Write(nonSynchronizing ? "+}\r\n"u8 : "}\r\n"u8);
        if (!nonSynchronizing)
        {
            await WaitForContinuationAsync(ct).ConfigureAwait(false);
        }
    }

    private void WriteMaybeSecret(string value, bool quoted, bool secret)
    {
        var logger = _logger;
        if (secret)
        {
            _logger = null;
            logger?.LogClient("****"u8);
        }

        try
        {
            if (quoted)
            {
                WriteQuoted(value);
            }
            else
            {
                WriteAscii(value);
            }
        }
        finally
        {
            _logger = logger;
        }
    }

    private static bool IsQuotable(string value)
    {
        foreach (var c in value)
        {
            if (c is '\0' or '\r' or '\n' || c > 0x7e)
            {
                return false;
            }
        }

        return true;
    }
}

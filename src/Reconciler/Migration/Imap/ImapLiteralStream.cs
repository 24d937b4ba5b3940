namespace Reconciler.Migration.Imap;

/// <summary>
/// Read-only view of one literal as it arrives: bytes go from the receive buffers to the reader, so a 50 MB body
/// never sits in memory. Valid only until the fetch callback that got it returns.
/// </summary>
internal sealed class ImapLiteralStream : Stream
{
    private readonly ImapTokenizer _tokenizer;
    private readonly long _length;
    private readonly CancellationToken _connectionToken;
    private bool _closed;

    public ImapLiteralStream(ImapTokenizer tokenizer, long length, CancellationToken connectionToken)
    {
        _tokenizer = tokenizer;
        _length = length;
        _connectionToken = connectionToken;
    }

    /// <summary>Reading from the connection failed; the reader loop must not treat this as the callback's own error.</summary>
    public Exception? TransportError { get; private set; }

    public override bool CanRead => !_closed;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position
    {
        get => _length - _tokenizer.LiteralRemaining;
        set => throw new NotSupportedException("An IMAP literal stream cannot seek.");
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        using var linked = cancellationToken.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _connectionToken)
            : null;
        try
        {
            return await _tokenizer.ReadLiteralAsync(buffer, linked?.Token ?? _connectionToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            TransportError = ex;
            throw;
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        // Synchronous readers (hashing helpers and the like) block a thread; the data arrives independently, so no deadlock.
        var rented = new byte[Math.Min(buffer.Length, 81920)];
        var n = ReadAsync(rented).AsTask().GetAwaiter().GetResult();
        rented.AsSpan(0, n).CopyTo(buffer);
        return n;
    }

    public override async Task CopyToAsync(Stream destination, int bufferSize, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        try
        {
            await _tokenizer.CopyLiteralToAsync(destination, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ImapConnectionLostException or ImapProtocolException)
        {
            TransportError = ex;
            throw;
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) =>
        throw new NotSupportedException("An IMAP literal stream cannot seek.");

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        _closed = true;
        base.Dispose(disposing);
    }
}

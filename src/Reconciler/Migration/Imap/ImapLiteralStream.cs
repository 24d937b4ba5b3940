using System.Buffers;
using System.Runtime.CompilerServices;

namespace Reconciler.Migration.Imap;

/// <summary>
/// Read-only view of one literal as it arrives: bytes go from the receive buffers to the reader, so a 50 MB body
/// never sits in memory. Valid only until the fetch callback that got it returns.
/// </summary>
internal sealed class ImapLiteralStream : Stream
{
    private readonly ImapTokenizer _tokenizer;
    private readonly long _length;
    private bool _closed;

    // No connection token needed: closing the connection cancels the pipe's pending read, which ends any read here.
    public ImapLiteralStream(ImapTokenizer tokenizer, long length)
    {
        _tokenizer = tokenizer;
        _length = length;
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

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        try
        {
            return await _tokenizer.ReadLiteralAsync(buffer, cancellationToken).ConfigureAwait(false);
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
        var rented = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length, 81920));
        try
        {
            var n = ReadAsync(rented.AsMemory(0, Math.Min(buffer.Length, rented.Length))).AsTask().GetAwaiter().GetResult();
            rented.AsSpan(0, n).CopyTo(buffer);
            return n;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public override async Task CopyToAsync(Stream destination, int bufferSize, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        try
        {
            await _tokenizer.CopyLiteralToAsync(destination, cancellationToken).ConfigureAwait(false);
        }
        catch (ImapException ex)
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

namespace Reconciler.Migration.Imap;

/// <summary>
/// The inactivity timeout between the engine and the transport. A read fails when no byte arrives for the timeout
/// while the engine awaits an answer (<see cref="SetAwaiting"/>); each read starts the clock again, so a long
/// literal is fine as long as it keeps flowing, and a connection with nothing in flight may stay silent for ever.
/// A write fails when the server accepts nothing for the timeout (writes go out in bounded pieces, each with its
/// own clock). Either failure is the exception <c>timedOut(writing)</c> makes; the caller's own cancellation stays
/// an <see cref="OperationCanceledException"/>. The inner stream is not owned: the engine closes the transport.
/// </summary>
internal sealed class ImapTimeoutStream(Stream inner, TimeSpan timeout, Func<bool, Exception> timedOut) : Stream
{
    /// <summary>Largest piece handed to the transport at once, so "accepted nothing for the timeout" means little progress.</summary>
    private const int WriteChunk = 64 * 1024;

    private readonly Lock _gate = new();
    private CancellationTokenSource? _readClock;
    private bool _awaiting;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>
    /// Whether an answer is awaited. Turning it on starts the clock of a read already waiting; turning it off stops
    /// it (a server owes nothing while no command is in flight or while a command is still being written).
    /// </summary>
    public void SetAwaiting(bool awaiting)
    {
        lock (_gate)
        {
            if (_awaiting == awaiting)
            {
                return;
            }

            _awaiting = awaiting;
            _readClock?.CancelAfter(awaiting ? timeout : Timeout.InfiniteTimeSpan);
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        using var clock = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        lock (_gate)
        {
            _readClock = clock;
            if (_awaiting)
            {
                clock.CancelAfter(timeout);
            }
        }

        try
        {
            return await inner.ReadAsync(buffer, clock.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when ((ex is OperationCanceledException or IOException) &&
                                   clock.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw timedOut(false);
        }
        finally
        {
            lock (_gate)
            {
                _readClock = null;
            }
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!buffer.IsEmpty)
        {
            var piece = buffer[..Math.Min(buffer.Length, WriteChunk)];
            using var clock = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            clock.CancelAfter(timeout);
            try
            {
                await inner.WriteAsync(piece, clock.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when ((ex is OperationCanceledException or IOException) &&
                                       clock.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw timedOut(true);
            }

            buffer = buffer[piece.Length..];
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    // The engine only reads and writes asynchronously; these exist for completeness and have no timeout.
    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

    public override void Flush() => inner.Flush();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}

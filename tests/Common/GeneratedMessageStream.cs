using System.Text;

namespace Reconciler.Tests.Common;

/// <summary>
/// A deterministic RFC 5322 message of an exact length, produced on the fly: large messages without holding them
/// in memory on the test side either.
/// </summary>
internal sealed class GeneratedMessageStream(long length) : Stream
{
    private static readonly byte[] Header = Encoding.ASCII.GetBytes(
        "From: big@example.test\r\nTo: you@example.test\r\nSubject: large\r\nMessage-ID: <large@example.test>\r\n\r\n");

    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = (int)Math.Min(buffer.Length, length - _position);
        for (var i = 0; i < n; i++)
        {
            buffer[i] = ByteAt(_position + i);
        }

        _position += n;
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        new(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    // 78 printable characters and CRLF per body line, the character depending on line and column.
    private static byte ByteAt(long position)
    {
        if (position < Header.Length)
        {
            return Header[position];
        }

        var body = position - Header.Length;
        var column = body % 80;
        return column switch
        {
            78 => (byte)'\r',
            79 => (byte)'\n',
            _ => (byte)(33 + ((body / 80) * 7 + column) % 94),
        };
    }
}

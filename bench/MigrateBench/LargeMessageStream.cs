using System.Text;

namespace Reconciler.MigrateBench;

/// <summary>A message of any length generated on the fly (headers, then base64-looking lines), never held in memory.</summary>
internal sealed class LargeMessageStream(long length) : Stream
{
    private static readonly byte[] Header = Encoding.ASCII.GetBytes(
        "From: big@example.test\r\nTo: bench@example.test\r\nSubject: large\r\nMessage-ID: <large@example.test>\r\n" +
        "MIME-Version: 1.0\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n");

    private static readonly byte[] Line = Encoding.ASCII.GetBytes(new string('Q', 76) + "\r\n");

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
            var p = _position + i;
            buffer[i] = p < Header.Length ? Header[p] : Line[(p - Header.Length) % Line.Length];
        }

        _position += n;
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Reconciler.Tests.Imap;

/// <summary>
/// A loopback socket whose server side the test writes by hand, byte for byte, to feed the client responses that a
/// real Dovecot rarely produces (literals in odd places, interleaved untagged data, out-of-order tags).
/// </summary>
internal sealed class ScriptedImapServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private TcpClient? _accepted;
    private NetworkStream? _stream;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    public ScriptedImapServer() => _listener.Start();

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public async Task AcceptAsync(string greeting)
    {
        _accepted = await _listener.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromSeconds(10));
        _stream = _accepted.GetStream();
        await SendAsync(greeting);
    }

    public async Task SendAsync(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\r\n"));
        await _stream!.WriteAsync(bytes);
        await _stream.FlushAsync();
    }

    public Task SendRawAsync(byte[] bytes) => _stream!.WriteAsync(bytes).AsTask();

    /// <summary>The next client line without its CRLF.</summary>
    public async Task<string> ReadLineAsync()
    {
        while (true)
        {
            var lf = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (lf >= 0)
            {
                var line = Encoding.UTF8.GetString(_buffer, _start, lf - _start).TrimEnd('\r');
                _start = lf + 1;
                return line;
            }

            await FillAsync();
        }
    }

    public async Task<byte[]> ReadBytesAsync(int count)
    {
        var result = new byte[count];
        var filled = 0;
        while (filled < count)
        {
            if (_start == _end)
            {
                await FillAsync();
            }

            var n = Math.Min(count - filled, _end - _start);
            Array.Copy(_buffer, _start, result, filled, n);
            _start += n;
            filled += n;
        }

        return result;
    }

    /// <summary>True when the client closed its side (reads return end of stream).</summary>
    public async Task<bool> ClientClosedAsync()
    {
        try
        {
            var n = await _stream!.ReadAsync(_buffer.AsMemory(_end, _buffer.Length - _end))
                .AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            return n == 0;
        }
        catch (IOException)
        {
            return true;
        }
    }

    public void CloseConnection() => _accepted?.Close();

    public ValueTask DisposeAsync()
    {
        _accepted?.Dispose();
        _listener.Stop();
        return ValueTask.CompletedTask;
    }

    private async Task FillAsync()
    {
        if (_start > 0)
        {
            Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        var n = await _stream!.ReadAsync(_buffer.AsMemory(_end)).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        if (n == 0)
        {
            throw new EndOfStreamException("The client closed the connection.");
        }

        _end += n;
    }
}

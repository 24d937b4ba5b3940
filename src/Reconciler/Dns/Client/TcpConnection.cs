using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Reconciler.Dns.Client;

/// <summary>One TCP connection carrying length-prefixed DNS messages (RFC 1035 §4.2.2, RFC 7766).</summary>
internal sealed class TcpConnection : IDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly string _server;
    private readonly TimeSpan _timeout;

    private TcpConnection(Socket socket, string server, TimeSpan timeout)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _server = server;
        _timeout = timeout;
    }

    public static async Task<TcpConnection> OpenAsync(IPEndPoint ep, string server, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var socket = new Socket(ep.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            await socket.ConnectAsync(ep, cts.Token).ConfigureAwait(false);
            return new TcpConnection(socket, server, timeout);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new DnsTransportException($"{server} ({ep}) did not accept a TCP connection within {timeout.TotalSeconds:0.###} s: check that the server runs and a firewall lets TCP through", server);
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw ex.SocketErrorCode == SocketError.ConnectionRefused
                ? new DnsTransportException($"nothing answers DNS over TCP at {server} ({ep}: connection refused): check that the server runs and the address and port are right", server, ex)
                : new DnsTransportException($"cannot connect to {server} ({ep}) over TCP: {ex.Message}", server, ex);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Complete messages read so far: none since a send means the server has not answered it.</summary>
    public int MessagesReceived { get; private set; }

    public async Task SendAsync(byte[] message, CancellationToken cancellationToken)
    {
        var framed = new byte[message.Length + 2];
        BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)message.Length);
        message.CopyTo(framed, 2);
        await WithTimeoutAsync(ct => _stream.WriteAsync(framed, ct), "sending", cancellationToken).ConfigureAwait(false);
    }

    public async Task<byte[]> ReceiveAsync(CancellationToken cancellationToken)
    {
        // One timeout for the length prefix and the message: a transfer receives hundreds of messages, and a timer
        // per read showed in its CPU.
        byte[]? message = null;
        await WithTimeoutAsync(
            async ct =>
            {
                var prefix = new byte[2];
                await _stream.ReadExactlyAsync(prefix, ct).ConfigureAwait(false);
                message = new byte[BinaryPrimitives.ReadUInt16BigEndian(prefix)];
                await _stream.ReadExactlyAsync(message, ct).ConfigureAwait(false);
            },
            "receiving",
            cancellationToken).ConfigureAwait(false);
        MessagesReceived++;
        return message!;
    }

    public void Dispose()
    {
        _stream.Dispose();
        _socket.Dispose();
    }

    private async Task WithTimeoutAsync(Func<CancellationToken, ValueTask> io, string doing, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(_timeout);
        try
        {
            await io(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DnsTransportException($"{_server} stalled: no progress {doing} a TCP message for {_timeout.TotalSeconds:0.###} s", _server);
        }
        catch (EndOfStreamException ex)
        {
            throw new DnsConnectionClosedException($"{_server} closed the TCP connection before a complete answer; check its log", _server, ex);
        }
        catch (IOException ex)
        {
            throw new DnsConnectionClosedException($"the TCP connection to {_server} failed: {ex.Message}", _server, ex);
        }
    }
}

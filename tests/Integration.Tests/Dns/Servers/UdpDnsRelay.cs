using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Reconciler.Dns;
using Reconciler.Dns.Wire;

namespace Reconciler.Integration.Tests.Dns.Servers;

/// <summary>
/// A name server address on port 53 for tests: listens on one 127.x.y.z address, UDP port 53 (root only), relays
/// each query to a test server's high port and the answer back, and remembers the question names it relayed. BIND
/// cannot stand in itself: it listens only on addresses an interface has, and lo has only 127.0.0.1, while
/// adding addresses to lo would change the shared machine. UDP only: the queries relayed here are small.
/// </summary>
public sealed class UdpDnsRelay : IAsyncDisposable
{
    private readonly UdpClient _socket;
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly ConcurrentQueue<string> _questions = new();

    private UdpDnsRelay(string address, UdpClient socket, IPEndPoint target)
    {
        Address = address;
        _socket = socket;
        _target = target;
        _loop = RelayAsync(_stop.Token);
    }

    public string Address { get; }

    /// <summary>"name TYPE" of every query relayed so far.</summary>
    public IReadOnlyCollection<string> Questions => _questions.ToArray();

    /// <summary>Listens on <paramref name="address"/>:53 and relays to 127.0.0.1:<paramref name="targetPort"/>.</summary>
    /// <exception cref="SocketException">Port 53 there is taken, or this process may not bind it (not root).</exception>
    public static UdpDnsRelay Start(string address, int targetPort) =>
        new(address, new UdpClient(new IPEndPoint(IPAddress.Parse(address), 53)), new IPEndPoint(IPAddress.Loopback, targetPort));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Dispose();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // stopped
        }

        _stop.Dispose();
    }

    private async Task RelayAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            UdpReceiveResult query;
            try
            {
                query = await _socket.ReceiveAsync(ct);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(query, ct), ct);
        }
    }

    private async Task AnswerAsync(UdpReceiveResult query, CancellationToken ct)
    {
        try
        {
            var q = DnsMessage.Decode(query.Buffer).Questions.FirstOrDefault();
            _questions.Enqueue(q is null ? "?" : $"{q.Name} {q.Type}");
        }
        catch (DnsFormatException)
        {
            _questions.Enqueue("?");
        }

        using var upstream = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            await upstream.SendAsync(query.Buffer, _target, timeout.Token);
            var answer = await upstream.ReceiveAsync(timeout.Token);
            await _socket.SendAsync(answer.Buffer, query.RemoteEndPoint, timeout.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // no answer from the server (or the relay stopped): the client times out, as with a dead server
        }
    }
}

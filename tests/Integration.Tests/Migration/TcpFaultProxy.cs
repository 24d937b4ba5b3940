using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Reconciler.Integration.Tests.Migration;

/// <summary>
/// A TCP proxy on 127.0.0.1 in front of an IMAP server that can misbehave on purpose: cut the connection of the
/// session that logs in as a given user once it has received a number of bytes, or stall it there (stop passing on
/// the server's bytes but keep the connection open, a server that hangs mid-answer); either once only, so a retry
/// gets through. It can also slow the server's side down.
/// </summary>
public sealed class TcpFaultProxy : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private readonly TaskCompletionSource _stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _cutMarker;
    private long _cutAfterBytes;
    private bool _stall;
    private int _cutDone;
    private int _connections;
    private long _stalledAt;

    public TcpFaultProxy(int targetPort)
    {
        _targetPort = targetPort;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _acceptLoop = AcceptAsync(_stop.Token);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Connections => Volatile.Read(ref _connections);

    public bool HasCut => Volatile.Read(ref _cutDone) == 1 && !_stall;

    public bool HasStalled => _stalled.Task.IsCompleted;

    /// <summary>Completes when the stall begins (the last bytes before it are on their way to the client).</summary>
    public Task Stalled => _stalled.Task;

    /// <summary>When the stall began (<see cref="Stopwatch.GetTimestamp"/>), taken right after the last bytes went out.</summary>
    public long StalledAt => Interlocked.Read(ref _stalledAt);

    /// <summary>Pause after each chunk the server sends (slows a copy down to watch it mid-run).</summary>
    public TimeSpan ServerChunkDelay { get; set; }

    /// <summary>The first connection whose client sends <paramref name="marker"/> (e.g. the login name) is closed once the server has sent it <paramref name="bytes"/> more bytes.</summary>
    public void CutOnce(string marker, long bytes)
    {
        _cutMarker = marker;
        _cutAfterBytes = bytes;
        _stall = false;
    }

    /// <summary>
    /// Like <see cref="CutOnce"/>, but the connection stays open: after part of the chunk that crosses
    /// <paramref name="bytes"/>, nothing more of the server's goes to the client (the client's bytes still reach the
    /// server) until the client gives up and closes.
    /// </summary>
    public void StallOnce(string marker, long bytes)
    {
        _cutMarker = marker;
        _cutAfterBytes = bytes;
        _stall = true;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _acceptLoop;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(ct);
            Interlocked.Increment(ref _connections);
            _ = Task.Run(() => ServeAsync(client, ct), ct);
        }
    }

    private async Task ServeAsync(TcpClient client, CancellationToken ct)
    {
        using var _ = client;
        using var server = new TcpClient();
        try
        {
            await server.ConnectAsync(IPAddress.Loopback, _targetPort, ct);
            var session = new Session();
            using var both = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var up = PumpUpAsync(client.GetStream(), server.GetStream(), session, both.Token);
            var down = PumpDownAsync(server.GetStream(), client.GetStream(), session, both.Token);
            await Task.WhenAny(up, down);
            await both.CancelAsync();
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    private async Task PumpUpAsync(NetworkStream from, NetworkStream to, Session session, CancellationToken ct)
    {
        var buffer = new byte[16 * 1024];
        var seen = new StringBuilder();
        try
        {
            int n;
            while ((n = await from.ReadAsync(buffer, ct)) > 0)
            {
                if (_cutMarker is { } marker && !session.Armed && seen.Length < 64 * 1024)
                {
                    seen.Append(Encoding.Latin1.GetString(buffer, 0, n));
                    if (seen.ToString().Contains(marker, StringComparison.Ordinal) && Volatile.Read(ref _cutDone) == 0)
                    {
                        session.Armed = true;
                    }
                }

                await to.WriteAsync(buffer.AsMemory(0, n), ct);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    private async Task PumpDownAsync(NetworkStream from, NetworkStream to, Session session, CancellationToken ct)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int n;
            while ((n = await from.ReadAsync(buffer, ct)) > 0)
            {
                if (session.Armed)
                {
                    session.SentSinceArmed += n;
                    if (session.SentSinceArmed > _cutAfterBytes && Interlocked.CompareExchange(ref _cutDone, 1, 0) == 0)
                    {
                        // Part of this chunk goes out, then the line goes dead: a connection cut mid-message, or
                        // one that stays open and silent until the client closes it (which cancels ct).
                        await to.WriteAsync(buffer.AsMemory(0, n / 2), ct);
                        if (_stall)
                        {
                            Interlocked.Exchange(ref _stalledAt, Stopwatch.GetTimestamp());
                            _stalled.TrySetResult();
                            await Task.Delay(Timeout.Infinite, ct);
                        }

                        return;
                    }
                }

                await to.WriteAsync(buffer.AsMemory(0, n), ct);
                if (ServerChunkDelay > TimeSpan.Zero)
                {
                    await Task.Delay(ServerChunkDelay, ct);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    private sealed class Session
    {
        public volatile bool Armed;
        public long SentSinceArmed;
    }
}

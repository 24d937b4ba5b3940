using System.Net;

namespace Reconciler.Dns.Client;

/// <summary>
/// Idle TCP connections of one <see cref="DnsClient"/>, kept for its next zone transfer: a plan transfers hundreds
/// of zones from the same primary, and BIND, Knot and PowerDNS serve several transfers one after another on one
/// connection (RFC 7766 §6.2.1), so each transfer after the first skips the TCP handshake and the server's accept.
/// At most <see cref="DnsClientOptions.MaxIdleConnections"/> are kept, each for at most
/// <see cref="DnsClientOptions.IdleConnectionTimeout"/>, well below servers' own idle timeouts (BIND: 30 s); expired
/// ones are closed whenever the pool is used. A connection the server closed anyway fails on its next use, and the
/// client then retries once on a fresh one.
/// </summary>
internal sealed class TcpConnectionPool(int maxIdle, TimeSpan idleTimeout, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private readonly List<(TcpConnection Connection, IPEndPoint Endpoint, long IdleSince)> _idle = [];

    /// <summary>The most recently returned idle connection to <paramref name="endpoint"/>, or null.</summary>
    public TcpConnection? Take(IPEndPoint endpoint)
    {
        List<TcpConnection> expired;
        TcpConnection? found = null;
        lock (_gate)
        {
            expired = RemoveExpired();
            for (var i = _idle.Count - 1; i >= 0; i--)
            {
                if (_idle[i].Endpoint.Equals(endpoint))
                {
                    found = _idle[i].Connection;
                    _idle.RemoveAt(i);
                    break;
                }
            }
        }

        expired.ForEach(c => c.Dispose());
        return found;
    }

    /// <summary>Keeps a connection that finished its exchange cleanly (nothing left unread on it).</summary>
    public void Return(TcpConnection connection, IPEndPoint endpoint)
    {
        List<TcpConnection> closing;
        lock (_gate)
        {
            closing = RemoveExpired();
            _idle.Add((connection, endpoint, clock.GetTimestamp()));
            while (_idle.Count > maxIdle)
            {
                closing.Add(_idle[0].Connection);
                _idle.RemoveAt(0);
            }
        }

        closing.ForEach(c => c.Dispose());
    }

    private List<TcpConnection> RemoveExpired()
    {
        var expired = new List<TcpConnection>();
        for (var i = _idle.Count - 1; i >= 0; i--)
        {
            if (clock.GetElapsedTime(_idle[i].IdleSince) >= idleTimeout)
            {
                expired.Add(_idle[i].Connection);
                _idle.RemoveAt(i);
            }
        }

        return expired;
    }
}

using Reconciler.Dns.Tsig;

namespace Reconciler.Dns.Client;

/// <summary>How a <see cref="DnsClient"/> talks to its server.</summary>
public sealed record DnsClientOptions
{
    /// <summary>How long to wait for one UDP answer, a TCP connection, or the next message of a transfer.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>UDP sends before giving up (the first try plus retries).</summary>
    public int UdpAttempts { get; init; } = 3;

    /// <summary>Signs transfers and updates (and queries when asked) when set.</summary>
    public TsigKey? TsigKey { get; init; }

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Idle TCP connections kept for the next zone transfer (0: a new connection for each).</summary>
    public int MaxIdleConnections { get; init; } = 8;

    /// <summary>How long an idle TCP connection is kept; well below servers' own idle timeouts (BIND: 30 s).</summary>
    public TimeSpan IdleConnectionTimeout { get; init; } = TimeSpan.FromSeconds(3);
}

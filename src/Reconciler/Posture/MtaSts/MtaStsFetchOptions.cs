using System.Security.Cryptography.X509Certificates;

namespace Reconciler.Posture.MtaSts;

/// <summary>How <see cref="MtaStsPolicyFetcher"/> reaches policy hosts.</summary>
public sealed record MtaStsFetchOptions
{
    /// <summary>RFC 8461 §3.3: senders need not accept policies larger than 64 KiB.</summary>
    public const int MaxPolicyBytes = 64 * 1024;

    /// <summary>When set, server certificates must chain to one of these instead of the system's trust store (a
    /// private or test CA). Host names are still checked.</summary>
    public IReadOnlyList<X509Certificate2>? TrustedRoots { get; init; }

    /// <summary>Host name → address and port to connect to instead of resolving the host and using 443 (e.g.
    /// <c>mta-sts.example.com</c> → <c>127.0.0.1:8443</c>); the TLS server name stays the host name.</summary>
    public IReadOnlyDictionary<string, string> ConnectTo { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);
}

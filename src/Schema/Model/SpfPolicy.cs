using Reconciler.Schema.Loading;

namespace Reconciler.Schema.Model;

public sealed record SpfPolicy(
    bool Mx,
    bool A,
    IReadOnlyList<string> Include,
    IReadOnlyList<string> Ip4,
    IReadOnlyList<string> Ip6,
    IReadOnlyList<string> Exists,
    string? Redirect,
    SpfAll All,
    SourcePosition Position)
{
    /// <summary>Terms that cost a DNS lookup at the receiver (RFC 7208 §4.6.4), not counting nested includes.</summary>
    public int DirectLookupCount => Include.Count + Exists.Count + (Mx ? 1 : 0) + (A ? 1 : 0) + (Redirect is null ? 0 : 1);
}

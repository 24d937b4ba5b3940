namespace Reconciler.Posture.Spf;

/// <summary>A directive: qualifier and mechanism with its arguments (RFC 7208 §4.6.1, §5).</summary>
/// <param name="Text">The term as written.</param>
/// <param name="Qualifier">"+" when none was written.</param>
/// <param name="Kind">Which mechanism.</param>
/// <param name="DomainSpec">The target domain-spec as written (may hold macros); null when omitted.</param>
/// <param name="Network">For ip4/ip6: the address and prefix length (default 32/128).</param>
/// <param name="Ip4PrefixLength">For a/mx: the IPv4 CIDR length, 32 when omitted.</param>
/// <param name="Ip6PrefixLength">For a/mx: the IPv6 CIDR length, 128 when omitted.</param>
public sealed record SpfMechanism(
    string Text,
    SpfQualifier Qualifier,
    SpfMechanismKind Kind,
    string? DomainSpec,
    IpNetwork? Network,
    int Ip4PrefixLength,
    int Ip6PrefixLength) : SpfTerm(Text)
{
    internal SpfMacroString? Target { get; init; }

    /// <summary>True for include, a, mx, ptr and exists: the terms counted against the 10-lookup limit.</summary>
    public bool QueriesDns => Kind is SpfMechanismKind.Include or SpfMechanismKind.A or SpfMechanismKind.Mx
        or SpfMechanismKind.Ptr or SpfMechanismKind.Exists;

    /// <summary>True when the domain-spec holds a macro, so its target depends on the message.</summary>
    public bool UsesMacros => Target is { HasMacros: true };
}

namespace Reconciler.Dns.Wire;

/// <summary>
/// The OPT pseudo-record of EDNS(0) (RFC 6891): the largest UDP response the sender can take, the version, the DO
/// bit and options. The extended RCODE bits are folded into <see cref="DnsMessage.ResponseCode"/>.
/// </summary>
public sealed record EdnsRecord(ushort UdpPayloadSize, byte Version = 0, bool DnssecOk = false, IReadOnlyList<EdnsOption>? Options = null)
{
    /// <summary>1232 octets: the DNS flag day 2020 size, which fits a 1280-octet IPv6 packet without fragmenting.</summary>
    public const ushort DefaultPayloadSize = 1232;

    public static EdnsRecord Default { get; } = new(DefaultPayloadSize);

    public IReadOnlyList<EdnsOption> Options { get; init; } = Options ?? [];
}

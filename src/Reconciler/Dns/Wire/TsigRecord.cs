namespace Reconciler.Dns.Wire;

/// <summary>
/// The TSIG pseudo-record (RFC 8945 §4.2) as found at the end of a message: which key signed it, when, and the MAC.
/// <see cref="Error"/> is the server's TSIG verdict on our request (BADSIG, BADKEY, BADTIME).
/// </summary>
public sealed record TsigRecord(
    DnsName KeyName,
    DnsName Algorithm,
    ulong TimeSigned,
    ushort Fudge,
    ReadOnlyMemory<byte> Mac,
    ushort OriginalId,
    DnsResponseCode Error,
    ReadOnlyMemory<byte> OtherData)
{
    /// <summary>Time signed is a 48-bit count of seconds since 1970.</summary>
    public const ulong MaxTimeSigned = (1UL << 48) - 1;
}

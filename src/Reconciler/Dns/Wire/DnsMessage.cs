using System.Globalization;
using System.Text;

namespace Reconciler.Dns.Wire;

/// <summary>
/// One DNS message (RFC 1035 §4): header, question, answer, authority and additional sections. The OPT record
/// (EDNS, RFC 6891) and a TSIG record (RFC 8945) are taken out of the additional section into <see cref="Edns"/> and
/// <see cref="Tsig"/>. In an UPDATE (RFC 2136) the sections are zone, prerequisite, update and additional.
/// <para>
/// <see cref="Decode"/> reads compressed names with pointers that may only point backwards, so no message can make
/// it loop, and checks every count and length against the octets left before allocating; anything wrong is a
/// <see cref="DnsFormatException"/>. <see cref="Encode"/> compresses owner names and the names in NS, CNAME, PTR,
/// MX and SOA data.
/// </para>
/// </summary>
public sealed record DnsMessage
{
    /// <summary>The largest message TCP can carry (a 16-bit length prefix).</summary>
    public const int MaxLength = ushort.MaxValue;

    public ushort Id { get; init; }

    public bool IsResponse { get; init; }

    public DnsOpcode Opcode { get; init; }

    public bool IsAuthoritative { get; init; }

    public bool IsTruncated { get; init; }

    public bool RecursionDesired { get; init; }

    public bool RecursionAvailable { get; init; }

    public bool AuthenticData { get; init; }

    public bool CheckingDisabled { get; init; }

    /// <summary>The full response code: the header's 4 bits and, with EDNS, the OPT record's 8 upper bits.</summary>
    public DnsResponseCode ResponseCode { get; init; }

    public IReadOnlyList<DnsQuestion> Questions { get; init; } = [];

    public IReadOnlyList<MessageRecord> Answers { get; init; } = [];

    public IReadOnlyList<MessageRecord> Authorities { get; init; } = [];

    /// <summary>The additional section without the OPT and TSIG records.</summary>
    public IReadOnlyList<MessageRecord> Additionals { get; init; } = [];

    public EdnsRecord? Edns { get; init; }

    public TsigRecord? Tsig { get; init; }

    /// <summary>Where the TSIG record starts in the octets this message was decoded from (-1: none), for verifying.</summary>
    internal int TsigOffset { get; init; } = -1;

    /// <summary>A query for one name and type (class IN unless given), with EDNS(0) at a 1232-octet payload.</summary>
    public static DnsMessage Query(ushort id, DnsName name, RecordType type, DnsClass? @class = null, bool recursionDesired = false) => new()
    {
        Id = id,
        Opcode = DnsOpcode.Query,
        RecursionDesired = recursionDesired,
        Questions = [new DnsQuestion(name, type, @class ?? DnsClass.IN)],
        Edns = EdnsRecord.Default,
    };

    /// <exception cref="DnsFormatException">The octets are not a well-formed message; the reason says what is wrong.</exception>
    public static DnsMessage Decode(ReadOnlySpan<byte> message) => MessageDecoder.Decode(message);

    /// <exception cref="InvalidOperationException">The message does not fit in 65,535 octets or cannot be represented.</exception>
    public byte[] Encode() => MessageEncoder.Encode(this);

    /// <summary>A dig-like listing: a header line, then each section with one record per line.</summary>
    public string ToPresentation()
    {
        var sb = new StringBuilder(256);
        var c = CultureInfo.InvariantCulture;
        sb.Append(";; opcode: ").Append(Opcode.ToString().ToUpperInvariant())
            .Append(", status: ").Append(ResponseCodes.Mnemonic(ResponseCode))
            .Append(", id: ").Append(Id.ToString(c)).Append('\n');
        sb.Append(";; flags:");
        foreach (var (set, flag) in new[] { (IsResponse, "qr"), (IsAuthoritative, "aa"), (IsTruncated, "tc"), (RecursionDesired, "rd"), (RecursionAvailable, "ra"), (AuthenticData, "ad"), (CheckingDisabled, "cd") })
        {
            if (set)
            {
                sb.Append(' ').Append(flag);
            }
        }

        sb.Append('\n');
        if (Edns is { } edns)
        {
            sb.Append(";; EDNS: version ").Append(edns.Version.ToString(c)).Append(", udp ").Append(edns.UdpPayloadSize.ToString(c))
                .Append(edns.DnssecOk ? ", do" : "").Append('\n');
        }

        if (Questions.Count > 0)
        {
            sb.Append(Opcode == DnsOpcode.Update ? ";; ZONE SECTION:\n" : ";; QUESTION SECTION:\n");
            foreach (var q in Questions)
            {
                sb.Append(';').Append(q.Name).Append(' ').Append(q.Class).Append(' ').Append(q.Type).Append('\n');
            }
        }

        AppendSection(sb, Opcode == DnsOpcode.Update ? "PREREQUISITE" : "ANSWER", Answers);
        AppendSection(sb, Opcode == DnsOpcode.Update ? "UPDATE" : "AUTHORITY", Authorities);
        AppendSection(sb, "ADDITIONAL", Additionals);
        if (Tsig is { } tsig)
        {
            sb.Append(";; TSIG: key ").Append(tsig.KeyName).Append(", algorithm ").Append(tsig.Algorithm)
                .Append(", error ").Append(ResponseCodes.TsigMnemonic(tsig.Error)).Append('\n');
        }

        return sb.ToString();
    }

    public override string ToString() => ToPresentation();

    private static void AppendSection(StringBuilder sb, string title, IReadOnlyList<MessageRecord> records)
    {
        if (records.Count == 0)
        {
            return;
        }

        sb.Append(";; ").Append(title).Append(" SECTION:\n");
        foreach (var r in records)
        {
            sb.Append(r.ToPresentation()).Append('\n');
        }
    }
}

using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using Reconciler.Dns.Client;
using Reconciler.Dns.Wire;

namespace Reconciler.Dns.Tsig;

/// <summary>
/// Signs one request and verifies every response to it (RFC 8945 §5): the first response's MAC covers our request
/// MAC, each later one in a multi-message answer (AXFR) covers the previous MAC, the unsigned messages since, and
/// only the timers (§5.3.1). Holds no secret itself; the key does.
/// </summary>
internal sealed class TsigSession
{
    /// <summary>RFC 8945 §5.3.1: a signed message at least every 100.</summary>
    private const int MaxUnsignedInARow = 99;

    public const ushort DefaultFudge = 300;

    private readonly TsigKey _key;
    private readonly TimeProvider _clock;
    private readonly string _server;
    private readonly ushort _originalId;
    private readonly List<byte[]> _unsigned = [];
    private byte[] _priorMac;
    private bool _sawFirst;

    private TsigSession(TsigKey key, TimeProvider clock, string server, ushort originalId, byte[] requestMac)
    {
        _key = key;
        _clock = clock;
        _server = server;
        _originalId = originalId;
        _priorMac = requestMac;
    }

    /// <summary>True when the last message verified was signed (a transfer must end on a signed message).</summary>
    public bool LastWasSigned => _unsigned.Count == 0;

    /// <summary>Appends a TSIG record to an encoded message (ARCOUNT + 1) and returns the session for its responses.</summary>
    public static byte[] Sign(byte[] message, TsigKey key, TimeProvider clock, string server, out TsigSession session)
    {
        var id = BinaryPrimitives.ReadUInt16BigEndian(message);
        var now = (ulong)clock.GetUtcNow().ToUnixTimeSeconds();
        byte[] mac;
        using (var hmac = key.CreateHmac())
        {
            hmac.AppendData(message);
            AppendVariables(hmac, key, now, DefaultFudge, DnsResponseCode.NoError, default);
            mac = hmac.GetHashAndReset();
        }

        var output = new ArrayBufferWriter<byte>(message.Length + 128);
        output.Write(message);
        MessageEncoder.WriteTsig(output, new TsigRecord(key.Name, key.Algorithm.WireName, now, DefaultFudge, mac, id, DnsResponseCode.NoError, ReadOnlyMemory<byte>.Empty));
        var signed = output.WrittenSpan.ToArray();
        var arCount = BinaryPrimitives.ReadUInt16BigEndian(signed.AsSpan(10));
        BinaryPrimitives.WriteUInt16BigEndian(signed.AsSpan(10), (ushort)(arCount + 1));
        session = new TsigSession(key, clock, server, id, mac);
        return signed;
    }

    /// <summary>Checks one response (in order); throws <see cref="TsigException"/> when it is not validly signed.</summary>
    public void Verify(ReadOnlySpan<byte> raw, DnsMessage message)
    {
        var first = !_sawFirst;
        _sawFirst = true;
        if (message.Tsig is not { } tsig)
        {
            if (first)
            {
                throw Unsigned(message);
            }

            if (_unsigned.Count >= MaxUnsignedInARow)
            {
                throw new TsigException($"{_server} sent more than {MaxUnsignedInARow} unsigned messages in a row in a signed transfer; RFC 8945 allows at most 99", _server);
            }

            _unsigned.Add(raw.ToArray());
            return;
        }

        if (tsig.KeyName != _key.Name || tsig.Algorithm != _key.Algorithm.WireName)
        {
            throw new TsigException($"{_server} signed its response with key {tsig.KeyName} ({tsig.Algorithm}), not with our {_key}", _server);
        }

        if (tsig.Error != DnsResponseCode.NoError && tsig.Mac.Length == 0)
        {
            throw Rejected(tsig);
        }

        var fullLength = _key.Algorithm.MacLength;
        if (tsig.Mac.Length > fullLength || tsig.Mac.Length < Math.Max(10, fullLength / 2))
        {
            throw new TsigException($"{_server} sent a TSIG MAC of {tsig.Mac.Length} octets for {_key.Algorithm.Mnemonic} (expected {fullLength}, truncated to no less than {Math.Max(10, fullLength / 2)})", _server);
        }

        byte[] expected;
        using (var hmac = _key.CreateHmac())
        {
            Span<byte> length = stackalloc byte[2];
            BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)_priorMac.Length);
            hmac.AppendData(length);
            hmac.AppendData(_priorMac);
            foreach (var m in _unsigned)
            {
                hmac.AppendData(m);
            }

            var unsignedPart = raw[..message.TsigOffset].ToArray();
            BinaryPrimitives.WriteUInt16BigEndian(unsignedPart, tsig.OriginalId);
            var arCount = BinaryPrimitives.ReadUInt16BigEndian(unsignedPart.AsSpan(10));
            BinaryPrimitives.WriteUInt16BigEndian(unsignedPart.AsSpan(10), (ushort)(arCount - 1));
            hmac.AppendData(unsignedPart);
            if (first)
            {
                AppendVariables(hmac, _key, tsig.TimeSigned, tsig.Fudge, tsig.Error, tsig.OtherData.Span);
            }
            else
            {
                AppendTimers(hmac, tsig.TimeSigned, tsig.Fudge);
            }

            expected = hmac.GetHashAndReset();
        }

        if (!CryptographicOperations.FixedTimeEquals(expected.AsSpan(0, tsig.Mac.Length), tsig.Mac.Span))
        {
            throw new TsigException($"the TSIG signature of {_server}'s response does not verify with {_key}: the server has a different secret for this key name, or the response was altered", _server, DnsResponseCode.BadSig);
        }

        if (tsig.OriginalId != _originalId)
        {
            throw new TsigException($"{_server}'s signed response carries original ID {tsig.OriginalId}, not our {_originalId}", _server);
        }

        if (tsig.Error != DnsResponseCode.NoError)
        {
            throw Rejected(tsig);
        }

        var now = _clock.GetUtcNow().ToUnixTimeSeconds();
        var skew = now - (long)tsig.TimeSigned;
        if (Math.Abs(skew) > tsig.Fudge)
        {
            throw new TsigException($"{_server}'s response was signed {Math.Abs(skew)} s {(skew > 0 ? "in the past" : "in the future")}, beyond the {tsig.Fudge} s fudge (TSIG BADTIME): synchronize the clocks (NTP)", _server, DnsResponseCode.BadTime);
        }

        _priorMac = tsig.Mac.ToArray();
        _unsigned.Clear();
    }

    private TsigException Unsigned(DnsMessage message)
    {
        var rcode = ResponseCodes.Mnemonic(message.ResponseCode);
        return message.ResponseCode == DnsResponseCode.NoError
            ? new TsigException($"{_server} answered our request signed with {_key} without a TSIG signature; refusing the unauthenticated answer", _server)
            : new TsigException($"{_server} answered {rcode} without a TSIG signature: it does not accept {_key} (unknown key name, different secret or algorithm), or does not allow this request; check the key in the server's configuration", _server, message.ResponseCode);
    }

    private TsigException Rejected(TsigRecord tsig) => tsig.Error switch
    {
        DnsResponseCode.BadSig => new TsigException($"{_server} rejected our TSIG signature (BADSIG): its secret for {_key} differs from ours; check the tsigKey secret", _server, tsig.Error),
        DnsResponseCode.BadKey => new TsigException($"{_server} does not know {_key} (BADKEY): check the key name and algorithm in tsigKey against the server's configuration", _server, tsig.Error),
        DnsResponseCode.BadTime => new TsigException($"{_server} rejected our request's time (TSIG BADTIME): our clock and the server's differ by more than {tsig.Fudge} s; synchronize the clocks (NTP)", _server, tsig.Error),
        _ => new TsigException($"{_server} rejected our TSIG signature ({ResponseCodes.TsigMnemonic(tsig.Error)}) for {_key}", _server, tsig.Error),
    };

    private static void AppendVariables(IncrementalHash hmac, TsigKey key, ulong timeSigned, ushort fudge, DnsResponseCode error, ReadOnlySpan<byte> otherData)
    {
        hmac.AppendData(key.Name.WireSpan);
        Span<byte> classTtl = stackalloc byte[6];
        BinaryPrimitives.WriteUInt16BigEndian(classTtl, 255);
        BinaryPrimitives.WriteUInt32BigEndian(classTtl[2..], 0);
        hmac.AppendData(classTtl);
        hmac.AppendData(key.Algorithm.WireName.WireSpan);
        AppendTimers(hmac, timeSigned, fudge);
        Span<byte> tail = stackalloc byte[4];
        BinaryPrimitives.WriteUInt16BigEndian(tail, (ushort)error);
        BinaryPrimitives.WriteUInt16BigEndian(tail[2..], (ushort)otherData.Length);
        hmac.AppendData(tail);
        hmac.AppendData(otherData);
    }

    private static void AppendTimers(IncrementalHash hmac, ulong timeSigned, ushort fudge)
    {
        Span<byte> timers = stackalloc byte[8];
        BinaryPrimitives.WriteUInt16BigEndian(timers, (ushort)(timeSigned >> 32));
        BinaryPrimitives.WriteUInt32BigEndian(timers[2..], (uint)timeSigned);
        BinaryPrimitives.WriteUInt16BigEndian(timers[6..], fudge);
        hmac.AppendData(timers);
    }
}

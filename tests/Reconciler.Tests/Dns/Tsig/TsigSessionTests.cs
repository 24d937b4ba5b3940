using System.Buffers.Binary;
using System.Security.Cryptography;
using Reconciler.Dns;
using Reconciler.Dns.Client;
using Reconciler.Dns.Records;
using Reconciler.Dns.Tsig;
using Reconciler.Dns.Wire;

namespace Reconciler.Tests.Dns.Tsig;

/// <summary>
/// Our verifier against an independent, test-side implementation of the server's half of RFC 8945 (§5.3 and
/// §5.3.1 for multi-message answers), for the paths real servers rarely take: unsigned messages between signed
/// ones, truncated MACs, tampering and clock skew. Real servers sign in the integration tests.
/// </summary>
public class TsigSessionTests
{
    private const string Secret = "9C4tVF6Y4plyvO6sZrsGxotFuYB5fCg5jwgcB7PRaA8=";
    private static readonly TsigKey Key = TsigKey.Parse($"testkey:hmac-sha256:{Secret}");
    private static readonly DnsName Zone = DnsName.Parse("example.com.");
    private readonly FixedClock _clock = new(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));

    [Fact]
    public void A_signed_response_verifies_and_a_tampered_one_does_not()
    {
        var (session, requestMac, id) = SignRequest();
        var response = Response(id, 1);
        var (signed, _) = ServerSign(response, requestMac, first: true);
        session.Verify(signed, DnsMessage.Decode(signed));

        var (session2, requestMac2, id2) = SignRequest();
        var (signed2, _) = ServerSign(Response(id2, 1), requestMac2, first: true);
        signed2[DnsMessage.Decode(signed2).TsigOffset - 1] ^= 1; // a bit of the answer's address
        var act = () => session2.Verify(signed2, DnsMessage.Decode(signed2));
        act.Should().Throw<TsigException>().WithMessage("*does not verify*").Which.TsigError.Should().Be(DnsResponseCode.BadSig);
    }

    [Fact]
    public void A_multi_message_answer_verifies_with_unsigned_messages_between_signed_ones()
    {
        var (session, requestMac, id) = SignRequest();
        var (first, mac) = ServerSign(Response(id, 1), requestMac, first: true);
        session.Verify(first, DnsMessage.Decode(first));

        var unsigned1 = Response(id, 2).Encode();
        var unsigned2 = Response(id, 3).Encode();
        session.Verify(unsigned1, DnsMessage.Decode(unsigned1));
        session.Verify(unsigned2, DnsMessage.Decode(unsigned2));
        session.LastWasSigned.Should().BeFalse();

        var (last, _) = ServerSign(Response(id, 4), mac, first: false, between: [unsigned1, unsigned2]);
        session.Verify(last, DnsMessage.Decode(last));
        session.LastWasSigned.Should().BeTrue();
    }

    [Fact]
    public void A_later_message_signed_over_the_wrong_prior_mac_fails()
    {
        var (session, requestMac, id) = SignRequest();
        var (first, _) = ServerSign(Response(id, 1), requestMac, first: true);
        session.Verify(first, DnsMessage.Decode(first));
        var (second, _) = ServerSign(Response(id, 2), requestMac, first: false);
        var act = () => session.Verify(second, DnsMessage.Decode(second));
        act.Should().Throw<TsigException>();
    }

    [Fact]
    public void A_truncated_mac_of_at_least_half_the_length_is_accepted()
    {
        var (session, requestMac, id) = SignRequest();
        var (signed, _) = ServerSign(Response(id, 1), requestMac, first: true, macLength: 16);
        session.Verify(signed, DnsMessage.Decode(signed));

        var (session2, requestMac2, id2) = SignRequest();
        var (tooShort, _) = ServerSign(Response(id2, 1), requestMac2, first: true, macLength: 8);
        var act = () => session2.Verify(tooShort, DnsMessage.Decode(tooShort));
        act.Should().Throw<TsigException>().WithMessage("*MAC of 8 octets*");
    }

    [Fact]
    public void An_unsigned_first_response_is_refused_with_the_server_rcode()
    {
        var (session, _, id) = SignRequest();
        var refused = (Response(id, 0) with { ResponseCode = DnsResponseCode.Refused }).Encode();
        var act = () => session.Verify(refused, DnsMessage.Decode(refused));
        act.Should().Throw<TsigException>().WithMessage("*answered REFUSED without a TSIG signature*does not accept TSIG key testkey*");
    }

    [Fact]
    public void Server_verdicts_badsig_badkey_badtime_are_explained()
    {
        foreach (var (error, text) in new[] { (DnsResponseCode.BadSig, "*BADSIG*secret*"), (DnsResponseCode.BadKey, "*BADKEY*key name and algorithm*") })
        {
            var (session, _, id) = SignRequest();
            var tsig = new TsigRecord(Key.Name, Key.Algorithm.WireName, 1_800_000_000, 300, ReadOnlyMemory<byte>.Empty, id, error, ReadOnlyMemory<byte>.Empty);
            var bytes = (Response(id, 0) with { ResponseCode = DnsResponseCode.NotAuth, Tsig = tsig }).Encode();
            var act = () => session.Verify(bytes, DnsMessage.Decode(bytes));
            act.Should().Throw<TsigException>().WithMessage(text).Which.TsigError.Should().Be(error);
        }

        var (s, mac, i) = SignRequest();
        var (badTime, _) = ServerSign(Response(i, 0) with { ResponseCode = DnsResponseCode.NotAuth }, mac, first: true, error: DnsResponseCode.BadTime);
        var badTimeAct = () => s.Verify(badTime, DnsMessage.Decode(badTime));
        badTimeAct.Should().Throw<TsigException>().WithMessage("*BADTIME*synchronize the clocks*");
    }

    [Fact]
    public void A_response_signed_outside_the_fudge_is_refused()
    {
        var (session, requestMac, id) = SignRequest();
        var (signed, _) = ServerSign(Response(id, 1), requestMac, first: true, timeSigned: 1_800_000_000 - 1000);
        var act = () => session.Verify(signed, DnsMessage.Decode(signed));
        act.Should().Throw<TsigException>().WithMessage("*signed 1000 s in the past*fudge*");
    }

    private (TsigSession Session, byte[] RequestMac, ushort Id) SignRequest()
    {
        var request = DnsMessage.Query(0x1234, Zone, new RecordType(252)).Encode();
        var signed = TsigSession.Sign(request, Key, _clock, "test-server", out var session);
        var decoded = DnsMessage.Decode(signed);
        BinaryPrimitives.ReadUInt16BigEndian(signed.AsSpan(10)).Should().Be(2, "OPT and TSIG");
        return (session, decoded.Tsig!.Mac.ToArray(), decoded.Id);
    }

    private static DnsMessage Response(ushort id, int serial) => new()
    {
        Id = id,
        IsResponse = true,
        IsAuthoritative = true,
        Questions = [new DnsQuestion(Zone, new RecordType(252))],
        Answers = serial == 0 ? [] : [new MessageRecord(DnsName.Parse($"r{serial}.example.com."), RecordType.A, DnsClass.IN, 300, AData.Parse("192.0.2.1"))],
    };

    /// <summary>The server side of RFC 8945, written from the RFC independently of TsigSession.</summary>
    private static (byte[] Message, byte[] Mac) ServerSign(DnsMessage response, byte[] priorMac, bool first, byte[][]? between = null, int macLength = 32, ulong timeSigned = 1_800_000_000, DnsResponseCode error = DnsResponseCode.NoError)
    {
        var body = response.Encode();
        var data = new List<byte>();
        data.AddRange([(byte)(priorMac.Length >> 8), (byte)priorMac.Length]);
        data.AddRange(priorMac);
        foreach (var m in between ?? [])
        {
            data.AddRange(m);
        }

        data.AddRange(body);
        var time = new byte[] { (byte)(timeSigned >> 40), (byte)(timeSigned >> 32), (byte)(timeSigned >> 24), (byte)(timeSigned >> 16), (byte)(timeSigned >> 8), (byte)timeSigned, 0x01, 0x2C };
        if (first)
        {
            data.AddRange(Key.Name.ToWire());
            data.AddRange(new byte[] { 0, 255, 0, 0, 0, 0 });
            data.AddRange(Key.Algorithm.WireName.ToWire());
            data.AddRange(time);
            data.AddRange(new byte[] { (byte)((int)error >> 8), (byte)error, 0, 0 });
        }
        else
        {
            data.AddRange(time);
        }

        var mac = HMACSHA256.HashData(Convert.FromBase64String(Secret), data.ToArray())[..macLength];
        var signed = (response with { Tsig = new TsigRecord(Key.Name, Key.Algorithm.WireName, timeSigned, 300, mac, response.Id, error, ReadOnlyMemory<byte>.Empty) }).Encode();
        return (signed, mac);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

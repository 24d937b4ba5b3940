using System.Buffers.Binary;
using Reconciler.Dns;
using Reconciler.Dns.Client;
using Reconciler.Dns.Records;
using Reconciler.Dns.Wire;

namespace Reconciler.Tests.Dns.Wire;

/// <summary>
/// Presentation → wire → presentation is the identity for every type, through a whole message with compression;
/// and the message layer's own fields (flags, EDNS, TSIG, UPDATE classes) survive encoding.
/// </summary>
public class MessageRoundTripTests
{
    private static readonly DnsName Origin = DnsName.Parse("example.com.");

    /// <summary>type, presentation text relative to example.com.</summary>
    public static TheoryData<string, string> Corpus => new()
    {
        { "A", "192.0.2.1" },
        { "AAAA", "2001:db8::1" },
        { "AAAA", "::ffff:192.0.2.1" },
        { "CNAME", "www.example.com." },
        { "CNAME", "target.example.net." },
        { "NS", "ns1.example.com." },
        { "PTR", "host.example.com." },
        { "MX", "10 mail.example.com." },
        { "MX", "0 ." },
        { "MX", "20 mx.bücher.example." },
        { "TXT", "\"v=spf1 -all\"" },
        { "TXT", "\"\"" },
        { "TXT", "\"a\" \"\" \"b\"" },
        { "TXT", "\"semi;colon\" \"say \\\"hi\\\"\" \"back\\\\slash\"" },
        { "TXT", "\"\\000\\255\\009tab\"" },
        { "TXT", "\"ü\"" },
        { "TXT", "\"" + new string('k', 300) + "\"" },
        { "TXT", "\"" + new string('x', 255) + "\" \"" + new string('y', 255) + "\" \"z\"" },
        { "SOA", "ns1.example.com. hostmaster.example.com. 2024010100 3600 900 1209600 300" },
        { "SRV", "10 60 5060 sip.example.com." },
        { "SRV", "0 0 0 ." },
        { "CAA", "0 issue \"letsencrypt.org\"" },
        { "CAA", "0 issue \"letsencrypt.org; validationmethods=dns-01\"" },
        { "CAA", "128 tbs \"say \\\"hi\\\"; \\\\ done\"" },
        { "CAA", "0 iodef \"mailto:security@example.com\"" },
        { "TLSA", "3 1 1 8cb0fc6c527506a053f4f14c8464bebbd6dede2738d11468dd953d7d6a3021f1" },
        { "TYPE65280", "\\# 4 DEADBEEF" },
        { "TYPE65281", "\\# 0" },
        { "TYPE99", "\\# 3 010203" },
    };

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Every_type_survives_presentation_wire_presentation(string type, string text)
    {
        var t = RecordType.Parse(type);
        var data = RecordData.Parse(t, text, Origin);
        var owners = new[] { "example.com.", "www.example.com.", "bücher.example.com.", "a\\.b.example.com.", "*.wild.example.com." };
        var records = owners.Select(o => new MessageRecord(DnsName.Parse(o), t, DnsClass.IN, 300, data)).ToArray();
        var message = new DnsMessage { Id = 7, IsResponse = true, IsAuthoritative = true, Questions = [new DnsQuestion(Origin, t)], Answers = records };

        var decoded = DnsMessage.Decode(message.Encode());

        decoded.Answers.Should().HaveCount(records.Length);
        for (var i = 0; i < records.Length; i++)
        {
            decoded.Answers[i].Should().Be(records[i]);
            decoded.Answers[i].Data!.ToPresentation().Should().Be(data.ToPresentation());
            decoded.Answers[i].ToPresentation().Should().Be(records[i].ToPresentation());
        }

        RecordData.FromWire(t, data.ToWire()).Should().Be(data);
        RecordData.Parse(t, data.ToPresentation()).Should().Be(data);
    }

    [Fact]
    public void Unknown_types_are_carried_and_shown_in_rfc3597_form()
    {
        var data = RecordData.Parse(new RecordType(65280), "\\# 4 DEADBEEF");
        var message = new DnsMessage { Answers = [new MessageRecord(Origin, new RecordType(65280), DnsClass.IN, 60, data)] };
        var decoded = DnsMessage.Decode(message.Encode()).Answers.Single();
        decoded.Data.Should().BeOfType<UnknownData>();
        decoded.ToPresentation().Should().Be("example.com. 60 IN TYPE65280 \\# 4 DEADBEEF");
        decoded.ToResourceRecord().Should().Be(new ResourceRecord(Origin, 60, data));
    }

    [Fact]
    public void Long_txt_is_split_into_255_octet_strings_on_the_wire()
    {
        var data = TxtData.FromValue(new string('k', 600));
        var wire = data.ToWire();
        wire.Length.Should().Be(600 + 3);
        wire[0].Should().Be(255);
        wire[256].Should().Be(255);
        wire[512].Should().Be(90);
        DnsMessage.Decode(new DnsMessage { Answers = [new MessageRecord(Origin, RecordType.TXT, DnsClass.IN, 1, data)] }.Encode())
            .Answers.Single().Data.Should().Be(data);
    }

    [Fact]
    public void Names_are_compressed_and_pointers_point_backwards()
    {
        var records = Enumerable.Range(0, 20).Select(i => new MessageRecord(
            DnsName.Parse($"host{i}.example.com."), RecordType.MX, DnsClass.IN, 300, MxData.Parse($"10 mail{i % 3}.example.com."))).ToArray();
        var message = new DnsMessage { Questions = [new DnsQuestion(Origin, RecordType.MX)], Answers = records };
        var bytes = message.Encode();

        var uncompressed = 12 + Origin.WireLength + 4 + records.Sum(r => r.Name.WireLength + 10 + r.Data!.ToWire().Length);
        bytes.Length.Should().BeLessThan(uncompressed * 2 / 3);
        var decoded = DnsMessage.Decode(bytes);
        decoded.Answers.Should().Equal(records);

        // Every pointer in the message points before itself.
        for (var i = 12; i < bytes.Length - 1; i++)
        {
            if ((bytes[i] & 0xC0) == 0xC0 && LooksLikeNameStart(bytes, i))
            {
                (((bytes[i] & 0x3F) << 8) | bytes[i + 1]).Should().BeLessThan(i);
            }
        }
    }

    [Fact]
    public void Header_flags_edns_and_extended_rcode_round_trip()
    {
        var message = new DnsMessage
        {
            Id = 0xBEEF,
            IsResponse = true,
            Opcode = DnsOpcode.Notify,
            IsAuthoritative = true,
            IsTruncated = true,
            RecursionDesired = true,
            RecursionAvailable = true,
            AuthenticData = true,
            CheckingDisabled = true,
            ResponseCode = DnsResponseCode.BadCookie,
            Questions = [new DnsQuestion(Origin, RecordType.SOA)],
            Edns = new EdnsRecord(1232, 0, true, [new EdnsOption(10, new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 })]),
        };
        var decoded = DnsMessage.Decode(message.Encode());
        decoded.Should().BeEquivalentTo(message, o => o.Excluding(m => m.Edns).Excluding(m => m.Questions));
        decoded.Questions.Should().Equal(message.Questions);
        decoded.Edns!.UdpPayloadSize.Should().Be(1232);
        decoded.Edns.DnssecOk.Should().BeTrue();
        decoded.Edns.Options.Single().Data.ToArray().Should().Equal(1, 2, 3, 4, 5, 6, 7, 8);
        decoded.ResponseCode.Should().Be(DnsResponseCode.BadCookie);
    }

    [Fact]
    public void A_query_carries_edns_at_1232_octets()
    {
        var bytes = DnsMessage.Query(1, Origin, RecordType.A).Encode();
        var decoded = DnsMessage.Decode(bytes);
        decoded.Edns!.UdpPayloadSize.Should().Be(1232);
        BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(10)).Should().Be(1, "the OPT record is the one additional record");
    }

    [Fact]
    public void Tsig_record_round_trips_as_the_last_record()
    {
        var tsig = new TsigRecord(DnsName.Parse("testkey."), DnsName.Parse("hmac-sha256."), 1_700_000_000, 300, new byte[32], 42, DnsResponseCode.BadTime, new byte[] { 0, 0, 0x65, 0x53, 0xF1, 0x00 });
        var message = new DnsMessage { Id = 42, Questions = [new DnsQuestion(Origin, RecordType.SOA)], Edns = EdnsRecord.Default, Tsig = tsig };
        var bytes = message.Encode();
        var decoded = DnsMessage.Decode(bytes);
        decoded.Tsig.Should().NotBeNull();
        decoded.Tsig!.TimeSigned.Should().Be(1_700_000_000);
        decoded.Tsig.Error.Should().Be(DnsResponseCode.BadTime);
        decoded.Tsig.OtherData.ToArray().Should().Equal(tsig.OtherData.ToArray());
        decoded.TsigOffset.Should().BeGreaterThan(12).And.BeLessThan(bytes.Length);
    }

    [Fact]
    public void A_tsig_record_that_is_not_last_is_a_format_error()
    {
        var tsig = new TsigRecord(DnsName.Parse("k."), DnsName.Parse("hmac-sha256."), 1, 300, new byte[32], 1, 0, ReadOnlyMemory<byte>.Empty);
        var bytes = new DnsMessage { Tsig = tsig, Edns = EdnsRecord.Default }.Encode();

        // Move the TSIG in front of the OPT: swap the two additional records by re-encoding in the other order.
        var withoutTsig = new DnsMessage { Edns = EdnsRecord.Default }.Encode();
        var tsigBytes = bytes[withoutTsig.Length..];
        var swapped = withoutTsig[..12].Concat(tsigBytes).Concat(withoutTsig[12..]).ToArray();
        BinaryPrimitives.WriteUInt16BigEndian(swapped.AsSpan(10), 2);

        var act = () => DnsMessage.Decode(swapped);
        act.Should().Throw<DnsFormatException>().WithMessage("*TSIG record must be the last*");
    }

    [Fact]
    public void Update_messages_carry_none_and_any_classes_and_empty_data()
    {
        var zone = Origin;
        var before = new RecordSet(DnsName.Parse("www.example.com."), RecordType.A, 300, [AData.Parse("192.0.2.1")]);
        var after = new RecordSet(DnsName.Parse("www.example.com."), RecordType.A, 600, [AData.Parse("192.0.2.2"), AData.Parse("192.0.2.3")]);
        var update = new DnsUpdate(zone)
            .RequireRecordSet(before)
            .RequireNoRecordSet(DnsName.Parse("new.example.com."), RecordType.TXT)
            .DeleteRecordSet(before.Name, RecordType.A)
            .AddRecordSet(after);
        var decoded = DnsMessage.Decode(update.ToMessage(9).Encode());

        decoded.Opcode.Should().Be(DnsOpcode.Update);
        decoded.Questions.Should().Equal(new DnsQuestion(zone, RecordType.SOA));
        decoded.Answers.Select(r => r.ToPresentation()).Should().Equal(
            "www.example.com. 0 IN A 192.0.2.1",
            "new.example.com. 0 NONE TXT");
        decoded.Authorities.Select(r => r.ToPresentation()).Should().Equal(
            "www.example.com. 0 ANY A",
            "www.example.com. 600 IN A 192.0.2.2",
            "www.example.com. 600 IN A 192.0.2.3");
        decoded.ToPresentation().Should().Contain(";; PREREQUISITE SECTION:").And.Contain(";; UPDATE SECTION:");
    }

    [Fact]
    public void An_update_refuses_names_outside_its_zone()
    {
        var act = () => new DnsUpdate(Origin).DeleteRecordSet(DnsName.Parse("www.example.net."), RecordType.A);
        act.Should().Throw<ArgumentException>().WithMessage("*not in zone example.com.*");
    }

    [Fact]
    public void Dig_like_listing_shows_sections_in_presentation_format()
    {
        var message = new DnsMessage
        {
            Id = 5,
            IsResponse = true,
            IsAuthoritative = true,
            Questions = [new DnsQuestion(Origin, RecordType.MX)],
            Answers = [new MessageRecord(Origin, RecordType.MX, DnsClass.IN, 300, MxData.Parse("10 mail.example.com."))],
        };
        message.ToPresentation().Should().Be("""
            ;; opcode: QUERY, status: NOERROR, id: 5
            ;; flags: qr aa
            ;; QUESTION SECTION:
            ;example.com. IN MX
            ;; ANSWER SECTION:
            example.com. 300 IN MX 10 mail.example.com.

            """.ReplaceLineEndings("\n"));
    }

    // A pointer only counts where a name can start: after a length byte sequence; this check is approximate, so it
    // only looks at pointers whose target is a plausible label length.
    private static bool LooksLikeNameStart(byte[] bytes, int i)
    {
        var target = ((bytes[i] & 0x3F) << 8) | bytes[i + 1];
        return target < bytes.Length && bytes[target] is > 0 and <= 63;
    }
}

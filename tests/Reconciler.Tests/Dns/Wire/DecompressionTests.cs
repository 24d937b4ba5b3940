using System.Buffers.Binary;
using Reconciler.Dns;
using Reconciler.Dns.Wire;

namespace Reconciler.Tests.Dns.Wire;

/// <summary>Hostile compression: loops, forward pointers, pointers past the end, names grown past 255 octets.</summary>
public class DecompressionTests
{
    [Fact]
    public void A_pointer_to_itself_is_refused()
    {
        // Question name at offset 12 is a pointer to offset 12.
        var message = Header(qd: 1).Concat(new byte[] { 0xC0, 12, 0, 1, 0, 1 }).ToArray();
        Decode(message).Should().Throw<DnsFormatException>().WithMessage("*points forward or into its own name*");
    }

    [Fact]
    public void A_two_pointer_loop_is_refused()
    {
        // offset 12: label "a" then pointer to 17; offset 17: pointer to 12.
        var message = Header(qd: 1).Concat(new byte[] { 1, (byte)'a', 0xC0, 17, 0, 0xC0, 12, 0, 1, 0, 1 }).ToArray();
        Decode(message).Should().Throw<DnsFormatException>();
    }

    [Fact]
    public void A_forward_pointer_is_refused()
    {
        // Question name points at a later copy of "a.".
        var message = Header(qd: 1).Concat(new byte[] { 0xC0, 18, 0, 1, 0, 1, 1, (byte)'a', 0 }).ToArray();
        Decode(message).Should().Throw<DnsFormatException>().WithMessage("*points forward*");
    }

    [Fact]
    public void A_pointer_past_the_end_is_refused()
    {
        var message = Header(qd: 1).Concat(new byte[] { 0xFF, 0xFF, 0, 1, 0, 1 }).ToArray();
        Decode(message).Should().Throw<DnsFormatException>().WithMessage("*past the end*");
    }

    [Fact]
    public void A_chain_of_backward_pointers_cannot_grow_a_name_past_255_octets()
    {
        // Question i is a 63-octet label followed by a pointer to question i-1: every pointer is legal, but the
        // fourth name would be 4 × 64 + 1 = 257 octets.
        DnsMessage.Decode(ChainOfQuestions(3)).Questions[^1].Name.WireLength.Should().Be(3 * 64 + 1);
        Decode(ChainOfQuestions(4)).Should().Throw<DnsFormatException>().WithMessage("*longer than 255*");
    }

    [Fact]
    public void Extended_label_types_are_refused()
    {
        var message = Header(qd: 1).Concat(new byte[] { 0x41, 0, 0, 1, 0, 1 }).ToArray();
        Decode(message).Should().Throw<DnsFormatException>().WithMessage("*label type*");
    }

    [Fact]
    public void A_compressed_name_in_record_data_may_point_anywhere_before_it()
    {
        var name = DnsName.Parse("mail.example.com.");
        var message = new DnsMessage
        {
            Questions = [new DnsQuestion(DnsName.Parse("example.com."), RecordType.MX)],
            Answers = [new MessageRecord(DnsName.Parse("example.com."), RecordType.MX, DnsClass.IN, 1, new Reconciler.Dns.Records.MxData(10, name))],
        };
        var bytes = message.Encode();
        bytes.Length.Should().BeLessThan(12 + 17 + 4 + 2 + 10 + 2 + 18, "the exchange's 'example.com' is a pointer");
        ((Reconciler.Dns.Records.MxData)DnsMessage.Decode(bytes).Answers[0].Data!).Exchange.Should().Be(name);
    }

    [Fact]
    public void Record_data_whose_name_runs_past_rdlength_is_refused()
    {
        var bytes = new DnsMessage
        {
            Answers = [new MessageRecord(DnsName.Parse("a."), RecordType.NS, DnsClass.IN, 1, new Reconciler.Dns.Records.NsData(DnsName.Parse("ns.example.")))],
        }.Encode();

        // Shrink RDLENGTH by one: the name now runs past its record.
        var rdLengthAt = 12 + 3 + 8;
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(rdLengthAt), (ushort)(BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(rdLengthAt)) - 1));
        Decode(bytes).Should().Throw<DnsFormatException>();
    }

    [Fact]
    public void Counts_larger_than_the_message_are_refused_before_allocating()
    {
        var message = Header(qd: 0, an: 65535).ToArray();
        Decode(message).Should().Throw<DnsFormatException>().WithMessage("*section counts*");

        // 65,535 answers would be a 512 KB array; refusing first costs only the exception.
        var before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            DnsMessage.Decode(message);
        }
        catch (DnsFormatException)
        {
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().BeLessThan(16_000);
    }

    private static byte[] ChainOfQuestions(int count)
    {
        var message = new List<byte>(Header(qd: (ushort)count));
        var previous = -1;
        for (var i = 0; i < count; i++)
        {
            var start = message.Count;
            message.Add(63);
            message.AddRange(Enumerable.Repeat((byte)'x', 63));
            if (previous < 0)
            {
                message.Add(0);
            }
            else
            {
                message.Add((byte)(0xC0 | (previous >> 8)));
                message.Add((byte)previous);
            }

            message.AddRange(new byte[] { 0, 1, 0, 1 });
            previous = start;
        }

        return message.ToArray();
    }

    private static Action Decode(byte[] message) => () => DnsMessage.Decode(message);

    private static byte[] Header(ushort qd = 0, ushort an = 0)
    {
        var h = new byte[12];
        BinaryPrimitives.WriteUInt16BigEndian(h.AsSpan(4), qd);
        BinaryPrimitives.WriteUInt16BigEndian(h.AsSpan(6), an);
        return h;
    }
}

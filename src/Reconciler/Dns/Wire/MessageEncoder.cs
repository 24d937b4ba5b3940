using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Reconciler.Dns.Records;

namespace Reconciler.Dns.Wire;

/// <summary>
/// Writes a message with name compression: each name suffix written once at an offset below 16,384 can be pointed to
/// from later owner names and from the names in NS, CNAME, PTR, MX and SOA data (the types RFC 3597 §4 allows).
/// </summary>
internal sealed class MessageEncoder
{
    private const int MaxPointerOffset = 0x3FFF;

    private readonly ArrayBufferWriter<byte> _out = new(512);
    private readonly Dictionary<string, int> _suffixes = new(StringComparer.Ordinal);

    public static byte[] Encode(DnsMessage message)
    {
        var encoder = new MessageEncoder();
        encoder.Write(message);
        if (encoder._out.WrittenCount > DnsMessage.MaxLength)
        {
            throw new InvalidOperationException($"the message is {encoder._out.WrittenCount} octets, more than the {DnsMessage.MaxLength} a DNS message can hold");
        }

        return encoder._out.WrittenSpan.ToArray();
    }

    private void Write(DnsMessage m)
    {
        var rcode = (int)m.ResponseCode;
        if (rcode > 0xF && m.Edns is null)
        {
            throw new InvalidOperationException($"response code {rcode} needs EDNS (an OPT record) to be carried");
        }

        var flags = (m.IsResponse ? 0x8000 : 0) | (((int)m.Opcode & 0xF) << 11) | (m.IsAuthoritative ? 0x0400 : 0)
            | (m.IsTruncated ? 0x0200 : 0) | (m.RecursionDesired ? 0x0100 : 0) | (m.RecursionAvailable ? 0x0080 : 0)
            | (m.AuthenticData ? 0x0020 : 0) | (m.CheckingDisabled ? 0x0010 : 0) | (rcode & 0xF);
        var additional = m.Additionals.Count + (m.Edns is null ? 0 : 1) + (m.Tsig is null ? 0 : 1);
        foreach (var count in (ReadOnlySpan<int>)[m.Questions.Count, m.Answers.Count, m.Authorities.Count, additional])
        {
            if (count > ushort.MaxValue)
            {
                throw new InvalidOperationException($"a message section holds at most {ushort.MaxValue} entries, not {count}");
            }
        }

        UInt16(m.Id);
        UInt16((ushort)flags);
        UInt16((ushort)m.Questions.Count);
        UInt16((ushort)m.Answers.Count);
        UInt16((ushort)m.Authorities.Count);
        UInt16((ushort)additional);
        foreach (var q in m.Questions)
        {
            Name(q.Name, compress: true);
            UInt16(q.Type.Code);
            UInt16(q.Class.Code);
        }

        foreach (var section in new[] { m.Answers, m.Authorities, m.Additionals })
        {
            foreach (var r in section)
            {
                Record(r);
            }
        }

        if (m.Edns is { } edns)
        {
            Name(DnsName.Root, compress: false);
            UInt16(41);
            UInt16(edns.UdpPayloadSize);
            UInt32(((uint)(rcode >> 4) << 24) | ((uint)edns.Version << 16) | (edns.DnssecOk ? 0x8000u : 0));
            var lengthAt = BeginData();
            foreach (var o in edns.Options)
            {
                UInt16(o.Code);
                UInt16(checked((ushort)o.Data.Length));
                _out.Write(o.Data.Span);
            }

            EndData(lengthAt);
        }

        if (m.Tsig is { } tsig)
        {
            WriteTsig(_out, tsig);
        }
    }

    /// <summary>The TSIG record, uncompressed, as the signer appends it to an already encoded message.</summary>
    public static void WriteTsig(ArrayBufferWriter<byte> output, TsigRecord tsig)
    {
        tsig.KeyName.WriteWire(output);
        Write16(output, 250);
        Write16(output, 255);
        Write32(output, 0);
        var rdata = new ArrayBufferWriter<byte>(64);
        tsig.Algorithm.WriteWire(rdata);
        Write16(rdata, (ushort)(tsig.TimeSigned >> 32));
        Write32(rdata, (uint)tsig.TimeSigned);
        Write16(rdata, tsig.Fudge);
        Write16(rdata, checked((ushort)tsig.Mac.Length));
        rdata.Write(tsig.Mac.Span);
        Write16(rdata, tsig.OriginalId);
        Write16(rdata, (ushort)tsig.Error);
        Write16(rdata, checked((ushort)tsig.OtherData.Length));
        rdata.Write(tsig.OtherData.Span);
        Write16(output, checked((ushort)rdata.WrittenCount));
        output.Write(rdata.WrittenSpan);
    }

    private void Record(MessageRecord r)
    {
        Name(r.Name, compress: true);
        UInt16(r.Type.Code);
        UInt16(r.Class.Code);
        UInt32(r.Ttl);
        var lengthAt = BeginData();
        switch (r.Data)
        {
            case null:
                break;
            case NameTargetData target:
                Name(target.Target, compress: true);
                break;
            case MxData mx:
                UInt16(mx.Preference);
                Name(mx.Exchange, compress: true);
                break;
            case SoaData soa:
                Name(soa.PrimaryNameServer, compress: true);
                Name(soa.ResponsibleMailbox, compress: true);
                UInt32(soa.Serial);
                UInt32(soa.Refresh);
                UInt32(soa.Retry);
                UInt32(soa.Expire);
                UInt32(soa.Minimum);
                break;
            default:
                r.Data.WriteWire(_out);
                break;
        }

        EndData(lengthAt);
    }

    private void Name(DnsName name, bool compress)
    {
        var wire = name.WireSpan;
        var i = 0;
        while (wire[i] != 0)
        {
            var suffix = wire[i..];
            if (compress)
            {
                var key = Encoding.Latin1.GetString(suffix);
                if (_suffixes.TryGetValue(key, out var offset))
                {
                    UInt16((ushort)(0xC000 | offset));
                    return;
                }

                if (_out.WrittenCount <= MaxPointerOffset)
                {
                    _suffixes[key] = _out.WrittenCount;
                }
            }

            _out.Write(wire.Slice(i, wire[i] + 1));
            i += wire[i] + 1;
        }

        _out.Write([(byte)0]);
    }

    private int BeginData()
    {
        var at = _out.WrittenCount;
        UInt16(0);
        return at;
    }

    private void EndData(int lengthAt)
    {
        var length = _out.WrittenCount - lengthAt - 2;
        if (length > ushort.MaxValue)
        {
            throw new InvalidOperationException($"record data of {length} octets does not fit in a message");
        }

        // ArrayBufferWriter exposes its written memory, so the length placeholder can be patched in place.
        BinaryPrimitives.WriteUInt16BigEndian(System.Runtime.InteropServices.MemoryMarshal.AsMemory(_out.WrittenMemory).Span[lengthAt..], (ushort)length);
    }

    private void UInt16(ushort value) => Write16(_out, value);

    private void UInt32(uint value) => Write32(_out, value);

    private static void Write16(IBufferWriter<byte> output, ushort value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(output.GetSpan(2), value);
        output.Advance(2);
    }

    private static void Write32(IBufferWriter<byte> output, uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(output.GetSpan(4), value);
        output.Advance(4);
    }
}

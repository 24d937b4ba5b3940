using System.Buffers.Binary;
using Reconciler.Dns.Records;

namespace Reconciler.Dns.Wire;

/// <summary>
/// Reads a message. Untrusted input: every count is checked against the octets left (a question takes at least 5,
/// a record 11) before a list is sized, and a compression pointer must point before the label sequence it is in,
/// so following pointers always ends.
/// </summary>
internal ref struct MessageDecoder
{
    private const int HeaderLength = 12;
    private const int MinQuestionLength = 5;
    private const int MinRecordLength = 11;
    private const ushort OptType = 41;
    private const ushort TsigType = 250;

    private readonly ReadOnlySpan<byte> _message;
    private int _pos;

    private MessageDecoder(ReadOnlySpan<byte> message)
    {
        _message = message;
        _pos = 0;
    }

    public static DnsMessage Decode(ReadOnlySpan<byte> message)
    {
        if (message.Length < HeaderLength)
        {
            throw new DnsFormatException($"a DNS message is at least {HeaderLength} octets (the header), this one has {message.Length}");
        }

        if (message.Length > DnsMessage.MaxLength)
        {
            throw new DnsFormatException($"a DNS message is at most {DnsMessage.MaxLength} octets, this one has {message.Length}");
        }

        return new MessageDecoder(message).Read();
    }

    /// <summary>
    /// Reads a possibly compressed name at <paramref name="start"/>; <paramref name="end"/> bounds the labels read in
    /// place (the record data's end), while pointers may go anywhere earlier in the message.
    /// </summary>
    public static DnsName ReadName(ReadOnlySpan<byte> message, int start, int end, out int next)
    {
        Span<byte> buffer = stackalloc byte[DnsName.MaxNameOctets];
        var length = 0;
        var pos = start;
        var segmentStart = start;
        var limit = end;
        next = -1;
        while (true)
        {
            if (pos >= limit)
            {
                throw new DnsFormatException(limit == end && next < 0
                    ? "a name runs past the end of its record or the message"
                    : "a compressed name runs past the end of the message");
            }

            var b = message[pos];
            switch (b & 0xC0)
            {
                case 0x00:
                    if (length + 1 + b > DnsName.MaxNameOctets)
                    {
                        throw new DnsFormatException($"a name in the message is longer than {DnsName.MaxNameOctets} octets");
                    }

                    if (pos + 1 + b > limit)
                    {
                        throw new DnsFormatException("a label runs past the end of its record or the message");
                    }

                    message.Slice(pos, 1 + b).CopyTo(buffer[length..]);
                    length += 1 + b;
                    pos += 1 + b;
                    if (b == 0)
                    {
                        if (next < 0)
                        {
                            next = pos;
                        }

                        return DnsName.ReadWire(buffer[..length], out _);
                    }

                    break;
                case 0xC0:
                    if (pos + 2 > limit)
                    {
                        throw new DnsFormatException("a compression pointer is cut off");
                    }

                    var target = ((b & 0x3F) << 8) | message[pos + 1];
                    if (target >= segmentStart)
                    {
                        throw new DnsFormatException(target >= message.Length
                            ? $"a compression pointer points to offset {target}, past the end of the {message.Length}-octet message"
                            : $"a compression pointer at offset {pos} points forward or into its own name (to offset {target}); only earlier names may be referenced");
                    }

                    if (next < 0)
                    {
                        next = pos + 2;
                    }

                    // Each jump lands strictly before the previous segment, so the walk ends.
                    segmentStart = target;
                    pos = target;
                    limit = message.Length;
                    break;
                default:
                    throw new DnsFormatException($"label type 0x{b & 0xC0:X2} at offset {pos} is not supported (only plain labels and compression pointers)");
            }
        }
    }

    private DnsMessage Read()
    {
        var id = ReadUInt16();
        var flags = ReadUInt16();
        var qdCount = ReadUInt16();
        var anCount = ReadUInt16();
        var nsCount = ReadUInt16();
        var arCount = ReadUInt16();
        CheckCount(qdCount * MinQuestionLength + (anCount + nsCount + arCount) * MinRecordLength, "the header's section counts");

        var questions = new DnsQuestion[qdCount];
        for (var i = 0; i < qdCount; i++)
        {
            var name = ReadName();
            questions[i] = new DnsQuestion(name, new RecordType(ReadUInt16()), new DnsClass(ReadUInt16()));
        }

        var answers = ReadSection(anCount, "answer");
        var authorities = ReadSection(nsCount, "authority");

        EdnsRecord? edns = null;
        TsigRecord? tsig = null;
        var tsigOffset = -1;
        var extendedRcode = 0;
        var additionals = new List<MessageRecord>(arCount);
        for (var i = 0; i < arCount; i++)
        {
            var start = _pos;
            var name = ReadName();
            var type = ReadUInt16();
            var @class = ReadUInt16();
            var ttl = ReadUInt32();
            var rdLength = ReadUInt16();
            var rdStart = _pos;
            Skip(rdLength, "additional record data");
            if (type == OptType)
            {
                if (edns is not null)
                {
                    throw new DnsFormatException("a message has more than one OPT record");
                }

                if (!name.IsRoot)
                {
                    throw new DnsFormatException($"an OPT record's owner must be the root, not {name}");
                }

                extendedRcode = (int)(ttl >> 24);
                edns = ReadEdns(@class, ttl, _message.Slice(rdStart, rdLength));
            }
            else if (type == TsigType)
            {
                if (i != arCount - 1)
                {
                    throw new DnsFormatException("a TSIG record must be the last record of a message");
                }

                tsig = ReadTsig(name, rdStart, rdLength);
                tsigOffset = start;
            }
            else
            {
                additionals.Add(Record(name, type, @class, ttl, rdStart, rdLength, "additional", i));
            }
        }

        if (_pos != _message.Length)
        {
            throw new DnsFormatException($"{_message.Length - _pos} octets follow the last record of the message");
        }

        return new DnsMessage
        {
            Id = id,
            IsResponse = (flags & 0x8000) != 0,
            Opcode = (DnsOpcode)((flags >> 11) & 0xF),
            IsAuthoritative = (flags & 0x0400) != 0,
            IsTruncated = (flags & 0x0200) != 0,
            RecursionDesired = (flags & 0x0100) != 0,
            RecursionAvailable = (flags & 0x0080) != 0,
            AuthenticData = (flags & 0x0020) != 0,
            CheckingDisabled = (flags & 0x0010) != 0,
            ResponseCode = (DnsResponseCode)((extendedRcode << 4) | (flags & 0xF)),
            Questions = questions,
            Answers = answers,
            Authorities = authorities,
            Additionals = additionals,
            Edns = edns,
            Tsig = tsig,
            TsigOffset = tsigOffset,
        };
    }

    private MessageRecord[] ReadSection(int count, string section)
    {
        var records = new MessageRecord[count];
        for (var i = 0; i < count; i++)
        {
            var name = ReadName();
            var type = ReadUInt16();
            var @class = ReadUInt16();
            var ttl = ReadUInt32();
            var rdLength = ReadUInt16();
            var rdStart = _pos;
            Skip(rdLength, $"{section} record data");
            if (type is OptType or TsigType)
            {
                throw new DnsFormatException($"a {(type == OptType ? "OPT" : "TSIG")} record in the {section} section (it belongs in the additional section)");
            }

            records[i] = Record(name, type, @class, ttl, rdStart, rdLength, section, i);
        }

        return records;
    }

    private readonly MessageRecord Record(DnsName name, ushort typeCode, ushort @class, uint ttl, int rdStart, int rdLength, string section, int index)
    {
        var type = new RecordType(typeCode);
        if (rdLength == 0 && type.IsKnown)
        {
            return new MessageRecord(name, type, new DnsClass(@class), ttl, null);
        }

        try
        {
            return new MessageRecord(name, type, new DnsClass(@class), ttl, ReadData(type, rdStart, rdLength));
        }
        catch (DnsFormatException ex)
        {
            throw new DnsFormatException($"{section} record {index + 1} ({name} {type}): {ex.Reason}");
        }
    }

    /// <summary>Decompresses the names in the types RFC 3597 §4 allows to be compressed (and SRV, leniently), then decodes.</summary>
    private readonly RecordData ReadData(RecordType type, int start, int length)
    {
        var end = start + length;
        var data = _message.Slice(start, length);
        switch (type.Code)
        {
            case 2 or 5 or 12: // NS, CNAME, PTR
            {
                var target = ReadName(_message, start, end, out var next);
                ExpectEnd(next, end, type);
                return type.Code switch
                {
                    2 => new NsData(target),
                    5 => new CnameData(target),
                    _ => new PtrData(target),
                };
            }

            case 15: // MX
            {
                if (length < 3)
                {
                    throw new DnsFormatException($"MX record data is too short ({length} octets)");
                }

                var exchange = ReadName(_message, start + 2, end, out var next);
                ExpectEnd(next, end, type);
                return new MxData(BinaryPrimitives.ReadUInt16BigEndian(data), exchange);
            }

            case 33: // SRV
            {
                if (length < 7)
                {
                    throw new DnsFormatException($"SRV record data is too short ({length} octets)");
                }

                var target = ReadName(_message, start + 6, end, out var next);
                ExpectEnd(next, end, type);
                return new SrvData(
                    BinaryPrimitives.ReadUInt16BigEndian(data),
                    BinaryPrimitives.ReadUInt16BigEndian(data[2..]),
                    BinaryPrimitives.ReadUInt16BigEndian(data[4..]),
                    target);
            }

            case 6: // SOA
            {
                var mname = ReadName(_message, start, end, out var afterMname);
                var rname = ReadName(_message, afterMname, end, out var afterRname);
                if (end - afterRname != 20)
                {
                    throw new DnsFormatException($"SOA record data has {end - afterRname} octets after its names, not 20");
                }

                var t = _message.Slice(afterRname, 20);
                return new SoaData(
                    mname,
                    rname,
                    BinaryPrimitives.ReadUInt32BigEndian(t),
                    BinaryPrimitives.ReadUInt32BigEndian(t[4..]),
                    BinaryPrimitives.ReadUInt32BigEndian(t[8..]),
                    BinaryPrimitives.ReadUInt32BigEndian(t[12..]),
                    BinaryPrimitives.ReadUInt32BigEndian(t[16..]));
            }

            default:
                return RecordData.FromWire(type, data);
        }
    }

    private static void ExpectEnd(int next, int end, RecordType type)
    {
        if (next != end)
        {
            throw new DnsFormatException($"{type} record data has {end - next} octets left over after its fields");
        }
    }

    private static EdnsRecord ReadEdns(ushort payloadSize, uint ttl, ReadOnlySpan<byte> data)
    {
        var options = new List<EdnsOption>();
        var pos = 0;
        while (pos < data.Length)
        {
            if (data.Length - pos < 4)
            {
                throw new DnsFormatException("an EDNS option header is cut off");
            }

            var code = BinaryPrimitives.ReadUInt16BigEndian(data[pos..]);
            var length = BinaryPrimitives.ReadUInt16BigEndian(data[(pos + 2)..]);
            pos += 4;
            if (length > data.Length - pos)
            {
                throw new DnsFormatException($"EDNS option {code} claims {length} octets but {data.Length - pos} remain");
            }

            options.Add(new EdnsOption(code, data.Slice(pos, length).ToArray()));
            pos += length;
        }

        return new EdnsRecord(payloadSize, (byte)(ttl >> 16), (ttl & 0x8000) != 0, options);
    }

    private readonly TsigRecord ReadTsig(DnsName keyName, int start, int length)
    {
        var end = start + length;
        var algorithm = ReadName(_message, start, end, out var pos);
        var fixedPart = _message[pos..end];
        if (fixedPart.Length < 10)
        {
            throw new DnsFormatException("TSIG record data is cut off after the algorithm name");
        }

        var timeSigned = ((ulong)BinaryPrimitives.ReadUInt16BigEndian(fixedPart) << 32) | BinaryPrimitives.ReadUInt32BigEndian(fixedPart[2..]);
        var fudge = BinaryPrimitives.ReadUInt16BigEndian(fixedPart[6..]);
        var macLength = BinaryPrimitives.ReadUInt16BigEndian(fixedPart[8..]);
        var rest = fixedPart[10..];
        if (rest.Length < macLength + 6)
        {
            throw new DnsFormatException($"TSIG record data is cut off (MAC of {macLength} octets)");
        }

        var mac = rest[..macLength].ToArray();
        rest = rest[macLength..];
        var originalId = BinaryPrimitives.ReadUInt16BigEndian(rest);
        var error = BinaryPrimitives.ReadUInt16BigEndian(rest[2..]);
        var otherLength = BinaryPrimitives.ReadUInt16BigEndian(rest[4..]);
        rest = rest[6..];
        if (rest.Length != otherLength)
        {
            throw new DnsFormatException($"TSIG other data claims {otherLength} octets but {rest.Length} remain");
        }

        return new TsigRecord(keyName, algorithm, timeSigned, fudge, mac, originalId, (DnsResponseCode)error, rest.ToArray());
    }

    private DnsName ReadName()
    {
        var name = ReadName(_message, _pos, _message.Length, out var next);
        _pos = next;
        return name;
    }

    private readonly void CheckCount(long minimumOctets, string what)
    {
        if (minimumOctets > _message.Length - _pos)
        {
            throw new DnsFormatException($"{what} promise at least {minimumOctets} octets but only {_message.Length - _pos} follow the header");
        }
    }

    private void Skip(int count, string what)
    {
        if (count > _message.Length - _pos)
        {
            throw new DnsFormatException($"{what} claims {count} octets but {_message.Length - _pos} remain");
        }

        _pos += count;
    }

    private ushort ReadUInt16()
    {
        if (_message.Length - _pos < 2)
        {
            throw new DnsFormatException("the message ends in the middle of a field");
        }

        var value = BinaryPrimitives.ReadUInt16BigEndian(_message[_pos..]);
        _pos += 2;
        return value;
    }

    private uint ReadUInt32()
    {
        if (_message.Length - _pos < 4)
        {
            throw new DnsFormatException("the message ends in the middle of a field");
        }

        var value = BinaryPrimitives.ReadUInt32BigEndian(_message[_pos..]);
        _pos += 4;
        return value;
    }
}

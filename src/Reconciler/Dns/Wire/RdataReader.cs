using System.Buffers.Binary;

namespace Reconciler.Dns.Wire;

/// <summary>
/// Reads the fields of one record's uncompressed RDATA, failing with a message that names the record type when the
/// data is short or has octets left over.
/// </summary>
internal ref struct RdataReader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly RecordType _type;
    private int _pos;

    public RdataReader(ReadOnlySpan<byte> data, RecordType type)
    {
        _data = data;
        _type = type;
        _pos = 0;
    }

    public readonly int Remaining => _data.Length - _pos;

    public byte ReadUInt8() => Take(1)[0];

    public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16BigEndian(Take(2));

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32BigEndian(Take(4));

    public ReadOnlySpan<byte> ReadBytes(int count) => Take(count);

    public ReadOnlySpan<byte> ReadRest() => Take(Remaining);

    public ReadOnlySpan<byte> ReadCharacterString() => Take(ReadUInt8());

    public DnsName ReadName()
    {
        try
        {
            var name = DnsName.ReadWire(_data[_pos..], out var consumed);
            _pos += consumed;
            return name;
        }
        catch (DnsFormatException ex)
        {
            throw new DnsFormatException($"{_type} record data: {ex.Reason}");
        }
    }

    public readonly void ExpectEnd()
    {
        if (Remaining != 0)
        {
            throw new DnsFormatException($"{_type} record data has {Remaining} octets left over after its fields");
        }
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > Remaining)
        {
            throw new DnsFormatException($"{_type} record data is too short ({_data.Length} octets)");
        }

        var slice = _data.Slice(_pos, count);
        _pos += count;
        return slice;
    }
}

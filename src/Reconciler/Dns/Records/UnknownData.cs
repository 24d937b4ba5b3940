using System.Buffers;
using System.Globalization;
using System.Text;
using Reconciler.Dns.Wire;

namespace Reconciler.Dns.Records;

/// <summary>
/// Data of a type this tool has no class for, kept as opaque octets and written in RFC 3597 form:
/// <c>\# 3 ABCDEF</c>. Known types never use this class; <see cref="RecordData.FromWire"/> decodes them.
/// </summary>
public sealed class UnknownData : RecordData
{
    private readonly byte[] _data;

    public UnknownData(RecordType type, ReadOnlySpan<byte> data)
    {
        if (type.IsKnown)
        {
            throw new ArgumentException($"{type} has its own record data class; use RecordData.FromWire to decode it", nameof(type));
        }

        if (data.Length > ushort.MaxValue)
        {
            throw new ArgumentException($"record data is at most {ushort.MaxValue} octets, not {data.Length}", nameof(data));
        }

        Type = type;
        _data = data.ToArray();
    }

    public override RecordType Type { get; }

    public ReadOnlyMemory<byte> Data => _data;

    public static UnknownData Parse(RecordType type, string text) =>
        ParseWhole(text, type, null, static (r, t, o) => (UnknownData)ReadPresentation(r, t, o));

    public override void WriteWire(IBufferWriter<byte> output) => output.WriteBytes(_data);

    public override void WritePresentation(StringBuilder output, DnsName? origin)
    {
        output.Append(@"\# ").Append(_data.Length.ToString(CultureInfo.InvariantCulture));
        if (_data.Length > 0)
        {
            output.Append(' ');
            Presentation.PresentationText.AppendHex(output, _data);
        }
    }
}

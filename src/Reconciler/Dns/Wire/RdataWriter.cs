using System.Buffers;
using System.Buffers.Binary;

namespace Reconciler.Dns.Wire;

/// <summary>Big-endian field writers over an <see cref="IBufferWriter{T}"/>, for record data.</summary>
internal static class RdataWriter
{
    public static void WriteUInt8(this IBufferWriter<byte> output, byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }

    public static void WriteUInt16(this IBufferWriter<byte> output, ushort value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(output.GetSpan(2), value);
        output.Advance(2);
    }

    public static void WriteUInt32(this IBufferWriter<byte> output, uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(output.GetSpan(4), value);
        output.Advance(4);
    }

    public static void WriteBytes(this IBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(output.GetSpan(bytes.Length));
        output.Advance(bytes.Length);
    }
}

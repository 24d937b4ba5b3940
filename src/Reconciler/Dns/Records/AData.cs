using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Reconciler.Dns.Presentation;
using Reconciler.Dns.Wire;

namespace Reconciler.Dns.Records;

/// <summary>An IPv4 address (A record).</summary>
public sealed class AData : RecordData
{
    public AData(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException($"an A record holds an IPv4 address, not {address}", nameof(address));
        }

        Address = address;
    }

    public IPAddress Address { get; }

    public override RecordType Type => RecordType.A;

    public static AData Parse(string text, DnsName? origin = null) =>
        ParseWhole(text, RecordType.A, origin, static (r, t, o) => (AData)ReadPresentation(r, t, o));

    public static AData ReadWire(ReadOnlySpan<byte> rdata)
    {
        var reader = new RdataReader(rdata, RecordType.A);
        var address = new IPAddress(reader.ReadBytes(4));
        reader.ExpectEnd();
        return new AData(address);
    }

    public override void WriteWire(IBufferWriter<byte> output)
    {
        Span<byte> bytes = stackalloc byte[4];
        Address.TryWriteBytes(bytes, out _);
        output.WriteBytes(bytes);
    }

    public override void WritePresentation(StringBuilder output, DnsName? origin) => output.Append(Address.ToString());

    internal static AData Read(PresentationReader reader)
    {
        var token = reader.Read("IPv4 address");
        var text = reader.Span(token);
        return TryParseDottedQuad(text, out var address) && !token.Quoted && !token.HasEscape
            ? new AData(address)
            : throw reader.Error(token, $"{PresentationText.Describe(text)} is not an IPv4 address (four numbers 0-255 separated by dots, no leading zeros, e.g. 192.0.2.1)");
    }

    /// <summary>
    /// Strict dotted quad, as BIND reads it. <see cref="IPAddress.TryParse(string?, out IPAddress?)"/> would also
    /// take forms like <c>10.1</c> or <c>0x0A.0.0.1</c>, which no zone file means.
    /// </summary>
    private static bool TryParseDottedQuad(ReadOnlySpan<char> text, out IPAddress address)
    {
        address = IPAddress.None;
        Span<byte> octets = stackalloc byte[4];
        var part = 0;
        var i = 0;
        while (part < 4)
        {
            var start = i;
            var value = 0;
            while (i < text.Length && char.IsAsciiDigit(text[i]) && i - start < 3)
            {
                value = (value * 10) + (text[i] - '0');
                i++;
            }

            var digits = i - start;
            if (digits == 0 || value > 255 || (digits > 1 && text[start] == '0'))
            {
                return false;
            }

            octets[part++] = (byte)value;
            if (part < 4)
            {
                if (i >= text.Length || text[i] != '.')
                {
                    return false;
                }

                i++;
            }
        }

        if (i != text.Length)
        {
            return false;
        }

        address = new IPAddress(octets);
        return true;
    }
}

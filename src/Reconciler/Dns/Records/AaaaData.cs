using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Reconciler.Dns.Presentation;
using Reconciler.Dns.Wire;

namespace Reconciler.Dns.Records;

/// <summary>An IPv6 address (AAAA record); printed in RFC 5952 form, so any spelling of one address is one value.</summary>
public sealed class AaaaData : RecordData
{
    public AaaaData(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily != AddressFamily.InterNetworkV6 || address.ScopeId != 0)
        {
            throw new ArgumentException($"an AAAA record holds an IPv6 address without a scope, not {address}", nameof(address));
        }

        Address = address;
    }

    public IPAddress Address { get; }

    public override RecordType Type => RecordType.AAAA;

    public static AaaaData Parse(string text, DnsName? origin = null) =>
        ParseWhole(text, RecordType.AAAA, origin, static (r, t, o) => (AaaaData)ReadPresentation(r, t, o));

    public static AaaaData ReadWire(ReadOnlySpan<byte> rdata)
    {
        var reader = new RdataReader(rdata, RecordType.AAAA);
        var address = new IPAddress(reader.ReadBytes(16));
        reader.ExpectEnd();
        return new AaaaData(address);
    }

    public override void WriteWire(IBufferWriter<byte> output)
    {
        Span<byte> bytes = stackalloc byte[16];
        Address.TryWriteBytes(bytes, out _);
        output.WriteBytes(bytes);
    }

    public override void WritePresentation(StringBuilder output, DnsName? origin) => output.Append(Address.ToString());

    internal static AaaaData Read(PresentationReader reader)
    {
        var token = reader.Read("IPv6 address");
        var text = reader.Span(token);

        // IPAddress.TryParse also takes scopes (%eth0), brackets and IPv4 text; a zone file means none of them.
        if (!token.Quoted && !token.HasEscape && text.Contains(':') && !text.ContainsAny('%', '[', '/')
            && IPAddress.TryParse(text, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return new AaaaData(address);
        }

        throw reader.Error(token, $"{PresentationText.Describe(text)} is not an IPv6 address (e.g. 2001:db8::1)");
    }
}

using Reconciler.Dns.Presentation;
using Reconciler.Dns.Wire;

namespace Reconciler.Dns.Records;

/// <summary>The name server of a zone (NS record).</summary>
public sealed class NsData(DnsName target) : NameTargetData(target)
{
    public override RecordType Type => RecordType.NS;

    public static NsData Parse(string text, DnsName? origin = null) =>
        ParseWhole(text, RecordType.NS, origin, static (r, t, o) => (NsData)ReadPresentation(r, t, o));

    public static NsData ReadWire(ReadOnlySpan<byte> rdata)
    {
        var reader = new RdataReader(rdata, RecordType.NS);
        var target = reader.ReadName();
        reader.ExpectEnd();
        return new NsData(target);
    }

    internal static NsData Read(PresentationReader reader, DnsName? origin) => new(reader.ReadName("NS target name", origin));
}

using Reconciler.Dns.Presentation;
using Reconciler.Dns.Wire;

namespace Reconciler.Dns.Records;

/// <summary>The name a reverse-lookup entry points to (PTR record).</summary>
public sealed class PtrData(DnsName target) : NameTargetData(target)
{
    public override RecordType Type => RecordType.PTR;

    public static PtrData Parse(string text, DnsName? origin = null) =>
        ParseWhole(text, RecordType.PTR, origin, static (r, t, o) => (PtrData)ReadPresentation(r, t, o));

    public static PtrData ReadWire(ReadOnlySpan<byte> rdata)
    {
        var reader = new RdataReader(rdata, RecordType.PTR);
        var target = reader.ReadName();
        reader.ExpectEnd();
        return new PtrData(target);
    }

    internal static PtrData Read(PresentationReader reader, DnsName? origin) => new(reader.ReadName("PTR target name", origin));
}

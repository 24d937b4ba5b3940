using Reconciler.Dns.Presentation;
using Reconciler.Dns.Wire;

namespace Reconciler.Dns.Records;

/// <summary>The canonical name (CNAME record): the owner is an alias of the target.</summary>
public sealed class CnameData(DnsName target) : NameTargetData(target)
{
    public override RecordType Type => RecordType.CNAME;

    public static CnameData Parse(string text, DnsName? origin = null) =>
        ParseWhole(text, RecordType.CNAME, origin, static (r, t, o) => (CnameData)ReadPresentation(r, t, o));

    public static CnameData ReadWire(ReadOnlySpan<byte> rdata)
    {
        var reader = new RdataReader(rdata, RecordType.CNAME);
        var target = reader.ReadName();
        reader.ExpectEnd();
        return new CnameData(target);
    }

    internal static CnameData Read(PresentationReader reader, DnsName? origin) => new(reader.ReadName("CNAME target name", origin));
}

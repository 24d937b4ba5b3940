using System.Buffers;
using System.Globalization;
using System.Text;
using Reconciler.Dns.Presentation;
using Reconciler.Dns.Wire;

namespace Reconciler.Dns.Records;

/// <summary>A service location (SRV record, RFC 2782). Target <c>.</c> means the service is not offered.</summary>
public sealed class SrvData : RecordData
{
    public SrvData(ushort priority, ushort weight, ushort port, DnsName target)
    {
        ArgumentNullException.ThrowIfNull(target);
        Priority = priority;
        Weight = weight;
        Port = port;
        Target = target;
    }

    public ushort Priority { get; }

    public ushort Weight { get; }

    public ushort Port { get; }

    public DnsName Target { get; }

    public override RecordType Type => RecordType.SRV;

    public static SrvData Parse(string text, DnsName? origin = null) =>
        ParseWhole(text, RecordType.SRV, origin, static (r, t, o) => (SrvData)ReadPresentation(r, t, o));

    public static SrvData ReadWire(ReadOnlySpan<byte> rdata)
    {
        var reader = new RdataReader(rdata, RecordType.SRV);
        var priority = reader.ReadUInt16();
        var weight = reader.ReadUInt16();
        var port = reader.ReadUInt16();
        var target = reader.ReadName();
        reader.ExpectEnd();
        return new SrvData(priority, weight, port, target);
    }

    public override void WriteWire(IBufferWriter<byte> output)
    {
        output.WriteUInt16(Priority);
        output.WriteUInt16(Weight);
        output.WriteUInt16(Port);
        Target.WriteWire(output);
    }

    public override void WritePresentation(StringBuilder output, DnsName? origin) =>
        output.Append(Priority.ToString(CultureInfo.InvariantCulture)).Append(' ')
            .Append(Weight.ToString(CultureInfo.InvariantCulture)).Append(' ')
            .Append(Port.ToString(CultureInfo.InvariantCulture)).Append(' ')
            .Append(Target.RelativeTo(origin));

    internal static SrvData Read(PresentationReader reader, DnsName? origin)
    {
        var priority = reader.ReadUInt16("SRV priority");
        var weight = reader.ReadUInt16("SRV weight");
        var port = reader.ReadUInt16("SRV port");
        return new SrvData(priority, weight, port, reader.ReadName("SRV target name", origin));
    }
}

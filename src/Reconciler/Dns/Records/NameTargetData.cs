using System.Buffers;
using System.Text;

namespace Reconciler.Dns.Records;

/// <summary>Record data that is a single domain name: CNAME, NS and PTR.</summary>
public abstract class NameTargetData : RecordData
{
    private protected NameTargetData(DnsName target)
    {
        ArgumentNullException.ThrowIfNull(target);
        Target = target;
    }

    public DnsName Target { get; }

    public override void WriteWire(IBufferWriter<byte> output) => Target.WriteWire(output);

    public override void WritePresentation(StringBuilder output, DnsName? origin) => output.Append(Target.RelativeTo(origin));
}

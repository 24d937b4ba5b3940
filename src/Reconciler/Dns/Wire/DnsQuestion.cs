namespace Reconciler.Dns.Wire;

/// <summary>One entry of a message's question section (in an UPDATE: the zone section).</summary>
public sealed record DnsQuestion(DnsName Name, RecordType Type, DnsClass Class)
{
    public DnsQuestion(DnsName name, RecordType type)
        : this(name, type, DnsClass.IN)
    {
    }

    public override string ToString() => $"{Name} {Class} {Type}";
}

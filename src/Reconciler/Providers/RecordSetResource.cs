using Reconciler.Dns;

namespace Reconciler.Providers;

/// <summary>A DNS record set (all records of one name and type), compared in canonical form.</summary>
public sealed record RecordSetResource(RecordSet Set, DnsName Zone) : Resource
{
    public override string Kind => "recordset";

    public override string Id => $"{Set.Type} {Set.Name.RelativeTo(Zone)}";

    public override string Describe() =>
        string.Join(", ", Set.Records.Select(r => r.ToPresentation())) + $" (ttl {Set.Ttl})";

    public override bool SameAs(Resource? other) => other is RecordSetResource r && r.Set.Equals(Set);
}

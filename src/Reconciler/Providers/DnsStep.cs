using Reconciler.Dns;

namespace Reconciler.Providers;

/// <summary>What every DNS provider checks about a step before touching anything, and how it shows record sets.</summary>
internal static class DnsStep
{
    /// <summary>The record types the network providers manage: what the planner writes, never apex SOA/NS.</summary>
    public static IReadOnlySet<RecordType> ManagedTypes { get; } = new HashSet<RecordType>
    {
        RecordType.A, RecordType.AAAA, RecordType.CNAME, RecordType.MX, RecordType.TXT, RecordType.NS,
        RecordType.SRV, RecordType.CAA, RecordType.TLSA, RecordType.PTR,
    };

    /// <summary>The name and type a step changes, after checking it is one set, in the zone, managed, and not apex SOA/NS.</summary>
    public static (DnsName Name, RecordType Type) Target(string provider, IReadOnlySet<RecordType> managed, DnsName zone, RecordSet? before, RecordSet? after)
    {
        if (before is null && after is null)
        {
            throw new ArgumentException("a step needs a before or an after record set");
        }

        if (before is not null && after is not null && (before.Name != after.Name || before.Type != after.Type))
        {
            throw new ArgumentException($"a step changes one record set, not {before.Name} {before.Type} into {after.Name} {after.Type}");
        }

        var (name, type) = before is not null ? (before.Name, before.Type) : (after!.Name, after.Type);
        if (!name.IsSubdomainOf(zone))
        {
            throw new ProviderException($"{provider}: {name} is not in zone {zone}");
        }

        if (name == zone && (type == RecordType.SOA || type == RecordType.NS))
        {
            throw new ProviderException($"{provider}: refusing to change {type} at the apex of {zone}; apex SOA and NS belong to the DNS host");
        }

        if (!managed.Contains(type))
        {
            throw new ProviderException($"{provider}: {type} records are not managed by this provider (it manages {string.Join(", ", managed.Order().Select(t => t.ToString()))})");
        }

        return (name, type);
    }

    public static string Resource(DnsName zone, DnsName name, RecordType type) => $"{type} {name.RelativeTo(zone)} in {zone}";

    public static bool Same(RecordSet? a, RecordSet? b) => a is null ? b is null : b is not null && a.Equals(b);

    public static string Show(RecordSet? set) =>
        set is null ? "nothing" : string.Join(", ", set.Records.Select(r => r.ToPresentation())) + $" (ttl {set.Ttl})";
}

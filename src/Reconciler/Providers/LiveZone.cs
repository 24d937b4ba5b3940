using Reconciler.Dns;

namespace Reconciler.Providers;

/// <summary>A zone as a DNS provider serves it now: every record set, SOA and apex NS included.</summary>
public sealed record LiveZone(DnsName Origin, IReadOnlyList<RecordSet> RecordSets);

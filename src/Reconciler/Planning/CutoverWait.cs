using Reconciler.Dns;

namespace Reconciler.Planning;

/// <summary>
/// A TTL lowered ahead of a cutover, from the journal: the record set, when the lowered TTL was applied and the TTL it
/// had before. The cutover may happen once <see cref="ReadyAt"/> has passed.
/// </summary>
public sealed record CutoverWait(string Domain, DnsName Name, RecordType Type, DateTimeOffset LoweredAt, uint PreviousTtl)
{
    public DateTimeOffset ReadyAt => LoweredAt.AddSeconds(PreviousTtl);
}

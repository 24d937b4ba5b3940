namespace Reconciler.Dns.Wire;

/// <summary>The kind of request (header OPCODE): a standard query, a NOTIFY (RFC 1996) or an UPDATE (RFC 2136).</summary>
public enum DnsOpcode : byte
{
    Query = 0,
    Status = 2,
    Notify = 4,
    Update = 5,
}

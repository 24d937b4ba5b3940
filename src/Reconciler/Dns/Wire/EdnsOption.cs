namespace Reconciler.Dns.Wire;

/// <summary>One option in an OPT record's data (RFC 6891 §6.1.2), kept as opaque octets.</summary>
public sealed record EdnsOption(ushort Code, ReadOnlyMemory<byte> Data);

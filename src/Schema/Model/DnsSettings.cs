namespace Reconciler.Schema.Model;

/// <param name="Provider">The DNS provider's name in reconciler.yaml (defaults already applied; null when none).</param>
/// <param name="Ttl">Default TTL for records without their own.</param>
/// <param name="Unmanaged">Glob patterns (relative names) that plan and apply leave alone.</param>
public sealed record DnsSettings(string? Provider, int Ttl, IReadOnlyList<RecordSpec> Records, IReadOnlyList<string> Unmanaged, Loading.SourcePosition Position);

namespace Reconciler.Posture.Spf;

/// <summary>How the flattener lays out its output.</summary>
public sealed record SpfFlattenOptions
{
    /// <summary>Longest record text to publish before ranges move to extra records (RFC 7208 §3.4 suggests
    /// staying under about 450 octets so the answer fits a 512-octet UDP response).</summary>
    public int MaxRecordOctets { get; init; } = 450;

    /// <summary>Extra records are named <c>{prefix}{n}.{domain}</c>, e.g. _spf1.example.com.</summary>
    public string ChunkNamePrefix { get; init; } = "_spf";

    /// <summary>Limits used to report the flattened result (10 lookups, 10 MX names).</summary>
    public SpfEvaluatorOptions Limits { get; init; } = new();
}

namespace Reconciler.Posture.Spf;

/// <summary>A parsed record, or the syntax error that makes check_host() return PermError.</summary>
public sealed record SpfParseResult(SpfRecord? Record, string? Error)
{
    public bool Success => Record is not null;
}

namespace Reconciler.Schema.Model;

/// <param name="MaxZoneChangeShare">Largest share of a zone's records one plan may delete or update without --allow-destructive.</param>
/// <param name="CutoverTtl">The TTL (seconds) a staged MX cutover lowers the record to first; a live TTL at or below
/// it is switched at once.</param>
public sealed record SafetyLimits(double MaxZoneChangeShare, bool AllowMailboxDeletion, int RetireDkimAfterDays, uint CutoverTtl = 300)
{
    public static readonly SafetyLimits Default = new(0.3, false, 7, 300);
}

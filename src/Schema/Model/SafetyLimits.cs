namespace Reconciler.Schema.Model;

/// <param name="MaxZoneChangeShare">Largest share of a zone's records one plan may delete or update without --allow-destructive.</param>
public sealed record SafetyLimits(double MaxZoneChangeShare, bool AllowMailboxDeletion, int RetireDkimAfterDays)
{
    public static readonly SafetyLimits Default = new(0.3, false, 7);
}

using Reconciler.Dns;
using Reconciler.Providers;
using Reconciler.Schema.Model;

namespace Reconciler.Planning;

/// <summary>
/// Marks the steps that need <c>--allow-destructive</c>: a plan that deletes or updates (restores aside) more than the allowed share of
/// a zone's record sets, deletes a mailbox, or removes a DKIM key mail may still be signed with (a retiring selector's
/// key removed once its <c>retiringSince</c> plus <c>retireDkimAfterDays</c> has passed is not). The plan still shows
/// them, so a preview never fails because of a block.
/// </summary>
public static class SafetyPolicy
{
    /// <summary>Zones this small are judged by count, not share: changing 1 of 3 records is not a mass change.</summary>
    public const int SmallZoneChanges = 2;

    public static IReadOnlyList<PlanStep> Apply(IReadOnlyList<PlanStep> steps, LiveZone? zone, DesiredDomain desired, SafetyLimits limits)
    {
        var managedLive = zone?.RecordSets.Count(s => s.Type != RecordType.SOA && !(s.Name == desired.Zone && s.Type == RecordType.NS)) ?? 0;
        // A restore puts back values the zone had and Reconciler applied or verified: undoing a mass hand edit is
        // not itself a mass change.
        var heavy = steps.Where(s => s.Role == ProviderRole.Dns && s.Purpose is not (PlanStep.TtlLowering or PlanStep.Restore) && s.Before is RecordSetResource && s.Action is StepAction.Delete or StepAction.Update).ToList();
        string? shareBlock = null;
        if (managedLive > 0 && heavy.Count > SmallZoneChanges && (double)heavy.Count / managedLive > limits.MaxZoneChangeShare)
        {
            shareBlock = $"changes {heavy.Count} of {managedLive} record sets ({100.0 * heavy.Count / managedLive:0}%) of {desired.Zone}; the limit is {limits.MaxZoneChangeShare:P0}";
        }

        return steps.Select(s =>
        {
            string? block = null;
            if (shareBlock is not null && heavy.Contains(s))
            {
                block = shareBlock;
            }
            else if (s.Action == StepAction.Delete && s.Before is MailboxResource box && !limits.AllowMailboxDeletion)
            {
                block = $"deletes mailbox {box.Address} and the mail in it";
            }
            else if (s.Action == StepAction.Delete && s.Before is RecordSetResource r && Differ.IsDkim(r.Set, desired.Zone) && s.Purpose != PlanStep.DkimRetirement)
            {
                block = $"removes DKIM key {r.Set.Name.RelativeTo(desired.Zone)}, which mail in transit may still be signed with; mark it 'state: retiring' with 'retiringSince' first (it is then removed safety.retireDkimAfterDays days later)";
            }

            return block is null ? s : s with { Blocked = block };
        }).ToList();
    }
}

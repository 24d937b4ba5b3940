using Reconciler.Providers;

namespace Reconciler.Planning;

/// <summary>
/// One change to one resource. <see cref="Before"/> is what the plan read live (null: absent) and is checked again
/// when the step runs; <see cref="After"/> is what it must become (null: delete).
/// </summary>
/// <param name="NotBefore">Staged cutover: the step may not run before this time (an old TTL must expire first).</param>
/// <param name="WaitAfterPrevious">Staged cutover: after the previous step of this domain ran, wait this long.</param>
/// <param name="Blocked">Why the safety policy holds this step back without --allow-destructive; null when it does not.</param>
/// <param name="Purpose">A machine-readable tag for steps other parts look for, e.g. <c>ttl-lowering</c>.</param>
public sealed record PlanStep(
    int Index,
    string Domain,
    StepAction Action,
    Phase Phase,
    ProviderRole Role,
    string Provider,
    Resource? Before,
    Resource? After,
    string Reason,
    Risk Risk,
    DateTimeOffset? NotBefore = null,
    TimeSpan? WaitAfterPrevious = null,
    string? Blocked = null,
    string? Purpose = null)
{
    public const string TtlLowering = "ttl-lowering";

    /// <summary>Removes the key of a retiring DKIM selector whose time in DNS is over; the safety policy lets it run.</summary>
    public const string DkimRetirement = "dkim-retirement";

    /// <summary>Puts a record set back to its last-known-good value; never staged (see <see cref="KnownGood"/>).</summary>
    public const string Restore = "restore";

    public Resource Resource => After ?? Before!;

    public string ResourceId => Resource.Id;
}

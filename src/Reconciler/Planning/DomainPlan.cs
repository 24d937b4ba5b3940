namespace Reconciler.Planning;

/// <summary>
/// The steps for one domain, and the fingerprint of the live state they were computed from (a saved plan is refused
/// when live state no longer has that fingerprint). <see cref="Error"/> is set when live state could not be read.
/// </summary>
public sealed record DomainPlan(
    string Domain,
    string? DnsProvider,
    string? MailProvider,
    string LiveFingerprint,
    IReadOnlyList<PlanStep> Steps,
    string? Error = null)
{
    public bool HasChanges => Steps.Count > 0;

    public bool IsBlocked => Steps.Any(s => s.Blocked is not null);

    /// <summary>
    /// The managed record sets live holds once every step succeeded, which the journal then keeps as the domain's
    /// last-known-good. Null for a plan read back from a file (the steps' own values are kept then).
    /// </summary>
    public IReadOnlyList<Dns.RecordSet>? DesiredRecordSets { get; init; }
}

namespace Reconciler.Posture.Spf;

/// <summary>What check_host() decided and why.</summary>
/// <param name="Result">The SPF result.</param>
/// <param name="Domain">The domain whose policy was evaluated first.</param>
/// <param name="Explanation">For Fail: the expanded exp= text, or the default explanation.</param>
/// <param name="Reason">Why: the matching term, or what made it None/TempError/PermError.</param>
/// <param name="MatchedTerm">The mechanism that decided, as written; null for the default result and errors.</param>
/// <param name="DnsLookups">DNS-querying terms evaluated (the 10-lookup budget used).</param>
/// <param name="VoidLookups">Lookups that returned no records.</param>
public sealed record SpfCheckResult(
    SpfResult Result,
    string Domain,
    string? Explanation,
    string Reason,
    string? MatchedTerm,
    int DnsLookups,
    int VoidLookups);

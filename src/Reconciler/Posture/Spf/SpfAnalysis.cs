namespace Reconciler.Posture.Spf;

/// <summary>The SPF posture of a domain: its include/redirect tree, lookup counts and findings.</summary>
/// <param name="Domain">The domain analysed.</param>
/// <param name="Root">The tree; its Status tells whether the domain has a usable record.</param>
/// <param name="DnsLookups">DNS-querying terms an evaluation matching nothing would use (the worst case).</param>
/// <param name="VoidLookups">Lookups in that evaluation that return no records.</param>
/// <param name="LimitBreak">Where the 10-lookup limit is exceeded, if it is.</param>
/// <param name="Findings">Findings, errors first.</param>
public sealed record SpfAnalysis(
    string Domain,
    SpfPolicyNode Root,
    int DnsLookups,
    int VoidLookups,
    SpfLookupLimitBreak? LimitBreak,
    IReadOnlyList<PostureFinding> Findings)
{
    public bool HasErrors => Findings.Any(f => f.Severity == FindingSeverity.Error);
}

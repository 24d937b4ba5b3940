namespace Reconciler.Posture.Spf;

/// <summary>Where an SPF evaluation that matches nothing exceeds the DNS lookup limit.</summary>
/// <param name="Chain">Domains from the root to the record holding the offending term, e.g. acme.example,
/// _spf.vendor.example, _spf2.vendor.example.</param>
/// <param name="Term">The term that needs the first lookup over the limit.</param>
/// <param name="LookupNumber">Its number (limit + 1).</param>
public sealed record SpfLookupLimitBreak(IReadOnlyList<string> Chain, string Term, int LookupNumber)
{
    public string ChainText => string.Join(" → ", Chain);

    public override string ToString() => $"lookup {LookupNumber} is '{Term}' in {ChainText}";
}

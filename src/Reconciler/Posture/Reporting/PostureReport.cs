namespace Reconciler.Posture.Reporting;

/// <summary>The posture of a set of domains.</summary>
/// <param name="Source">What was checked: "manifests" or "live DNS (resolver 127.0.0.1:53)".</param>
/// <param name="Generated">When.</param>
public sealed record PostureReport(string Source, DateTimeOffset Generated, IReadOnlyList<DomainPosture> Domains)
{
    public bool HasErrors => Domains.Any(d => d.HasErrors);

    public int Count(FindingSeverity severity) => Domains.Sum(d => d.Findings.Count(f => f.Severity == severity));
}

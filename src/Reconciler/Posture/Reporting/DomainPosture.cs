namespace Reconciler.Posture.Reporting;

/// <summary>One domain in a posture report.</summary>
/// <param name="Domain">The domain (A-label).</param>
/// <param name="File">Its manifest, when the portfolio has one.</param>
/// <param name="Findings">Errors first, then warnings, then info; by area within each.</param>
/// <param name="NotApplicable">Areas that do not apply, e.g. DKIM, MTA-STS and TLS-RPT for a domain that accepts no
/// mail.</param>
public sealed record DomainPosture(string Domain, string? File, IReadOnlyList<ReportFinding> Findings, IReadOnlySet<PostureArea> NotApplicable)
{
    public PostureGrade Grade { get; } = PostureGrading.For(Findings);

    public bool HasErrors => Findings.Any(f => f.Severity == FindingSeverity.Error);

    /// <summary>The worst severity in an area; null when the area has no findings.</summary>
    public FindingSeverity? Worst(PostureArea area)
    {
        FindingSeverity? worst = null;
        foreach (var f in Findings)
        {
            if (f.Area == area && (worst is null || f.Severity > worst))
            {
                worst = f.Severity;
            }
        }

        return worst;
    }

    public IEnumerable<ReportFinding> In(PostureArea area) => Findings.Where(f => f.Area == area);

    /// <summary>Orders findings for reading: worst first, then by area and code.</summary>
    public static IReadOnlyList<ReportFinding> Order(IEnumerable<ReportFinding> findings) =>
        findings.Distinct()
            .OrderByDescending(f => f.Severity)
            .ThenBy(f => f.Area)
            .ThenBy(f => f.Code, StringComparer.Ordinal)
            .ThenBy(f => f.Message, StringComparer.Ordinal)
            .ToList();
}

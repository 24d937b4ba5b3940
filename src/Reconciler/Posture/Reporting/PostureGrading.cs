namespace Reconciler.Posture.Reporting;

/// <summary>How findings become a grade; the rule is spelled out on <see cref="PostureGrade"/>.</summary>
public static class PostureGrading
{
    public const string Explanation =
        "A: no errors or warnings. B: warnings in one area. C: warnings in several areas. D: errors in one area. " +
        "F: errors in several areas. Areas are SPF, DKIM, DMARC, MX, MTA-STS and TLS-RPT; info findings do not count.";

    public static PostureGrade For(IEnumerable<ReportFinding> findings)
    {
        var errorAreas = new HashSet<PostureArea>();
        var warningAreas = new HashSet<PostureArea>();
        foreach (var f in findings)
        {
            switch (f.Severity)
            {
                case FindingSeverity.Error:
                    errorAreas.Add(f.Area);
                    break;
                case FindingSeverity.Warning:
                    warningAreas.Add(f.Area);
                    break;
            }
        }

        return errorAreas.Count switch
        {
            > 1 => PostureGrade.F,
            1 => PostureGrade.D,
            _ => warningAreas.Count switch
            {
                > 1 => PostureGrade.C,
                1 => PostureGrade.B,
                _ => PostureGrade.A,
            },
        };
    }
}

namespace Reconciler.Posture.Reporting;

/// <summary>
/// A domain's grade, from its findings by area (SPF, DKIM, DMARC, MX, MTA-STS, TLS-RPT). Areas, not findings, are
/// counted so that one broken record does not weigh more than two broken mechanisms:
/// <list type="bullet">
/// <item>A: no errors, no warnings.</item>
/// <item>B: no errors; warnings in one area.</item>
/// <item>C: no errors; warnings in two or more areas.</item>
/// <item>D: errors in one area.</item>
/// <item>F: errors in two or more areas.</item>
/// </list>
/// Info findings never lower the grade.
/// </summary>
public enum PostureGrade
{
    A,
    B,
    C,
    D,
    F,
}

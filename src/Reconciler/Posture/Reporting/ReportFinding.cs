using Reconciler.Schema.Loading;

namespace Reconciler.Posture.Reporting;

/// <summary>One line of a posture report.</summary>
/// <param name="Area">The column it belongs to.</param>
/// <param name="Code">Stable code (SPF003, DMARC025, MAIL011 …).</param>
/// <param name="Location">Where the manifest says it (file:line:col), for findings about a manifest; null for live
/// findings.</param>
public sealed record ReportFinding(
    PostureArea Area,
    string Code,
    FindingSeverity Severity,
    string Message,
    string Rfc,
    string Fix,
    SourcePosition? Location = null)
{
    public static ReportFinding From(PostureFinding f, SourcePosition? location = null) =>
        new(PostureAreas.Of(f.Code) ?? throw new ArgumentException($"{f.Code} belongs to no posture area", nameof(f)), f.Code, f.Severity, f.Message, f.Rfc, f.Fix, location);
}

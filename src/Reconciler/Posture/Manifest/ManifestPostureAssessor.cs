using Reconciler.Posture.Reporting;
using Reconciler.Schema.Model;
using Reconciler.Schema.Validation;
using Reconciler.Schema.Validation.Rules;

namespace Reconciler.Posture.Manifest;

/// <summary>
/// A domain's posture as its manifest describes it, without the network: the record checks `validate` runs (info
/// findings included), what a complete posture lacks, and the schema's mail-authentication rules with their RFC
/// sections.
/// </summary>
public static class ManifestPostureAssessor
{
    private static readonly IManifestRule[] SchemaRules = [new MailAuthenticationRules(), new MailRoutingRules()];

    public static DomainPosture Assess(DomainManifest manifest, RuleContext context)
    {
        var located = ManifestPostureCheck.CheckRecords(manifest).Concat(ManifestPostureCheck.CheckCompleteness(manifest)).ToList();
        var findings = located.Select(l => ReportFinding.From(l.Finding, l.Position)).ToList();
        var hasDkimNone = findings.Any(f => f.Code == PostureCatalogue.DkimNone.Code);
        foreach (var rule in SchemaRules)
        {
            foreach (var d in rule.Check(manifest, context))
            {
                if (ManifestRuleReferences.Find(d.Code) is not { } reference || (hasDkimNone && d.Code == RuleCatalog.NoActiveDkim.Code))
                {
                    continue;
                }

                findings.Add(FromDiagnostic(d, reference));
            }
        }

        var acceptsNoMail = manifest.Mail.Parked || Published.Of(manifest)?.AcceptsNoMail == true;
        IReadOnlySet<PostureArea> notApplicable = acceptsNoMail
            ? new HashSet<PostureArea> { PostureArea.Dkim, PostureArea.MtaSts, PostureArea.TlsRpt }
            : new HashSet<PostureArea>();
        return new DomainPosture(manifest.Domain, manifest.File, DomainPosture.Order(findings), notApplicable);
    }

    public static ReportFinding FromDiagnostic(Diagnostic d, ManifestRuleReference reference) =>
        new(reference.Area, d.Code, d.IsError ? FindingSeverity.Error : FindingSeverity.Warning, d.Message, reference.Rfc, d.Hint ?? "", d.Position);
}

using Reconciler.Schema.Model;
using Reconciler.Schema.Validation;
using Reconciler.Schema.Validation.Rules;

namespace Reconciler.Posture.Manifest;

/// <summary>
/// The posture checks as a manifest rule, so `validate` (and every verb that loads a portfolio) reports SPF, DKIM,
/// DMARC, MTA-STS, TLS-RPT and MX problems at the line that causes them, under the same codes as live checks. The
/// message ends with the RFC section; the hint is the rule's fix. Info findings are left to `reconciler posture`.
/// </summary>
public sealed class PostureManifestRule : IManifestRule
{
    public IEnumerable<Diagnostic> Check(DomainManifest domain, RuleContext context)
    {
        foreach (var located in ManifestPostureCheck.CheckRecords(domain))
        {
            if (ToDiagnostic(located, domain) is { } diagnostic)
            {
                yield return diagnostic;
            }
        }
    }

    /// <summary>The diagnostic `validate` prints for a finding, or null when validate leaves it out.</summary>
    public static Diagnostic? ToDiagnostic(LocatedFinding located, DomainManifest domain)
    {
        var f = located.Finding;
        if (f.Severity == FindingSeverity.Info)
        {
            return null;
        }

        var message = f.Message;
        if (f.Code == PostureCatalogue.DmarcMonitoringOnly.Code && domain.Mail.Dmarc is { } dmarc && located.Position == dmarc.Position)
        {
            // The mission's progression: p=none is the right setting until alignment is verified (MAIL011); after
            // that, staying at none is what needs fixing.
            if (dmarc.AlignmentVerified is not { } verified)
            {
                return null;
            }

            message += $"; alignment was verified on {verified:yyyy-MM-dd}, so p can be tightened";
        }

        var severity = f.Severity == FindingSeverity.Error ? Severity.Error : Severity.Warning;
        return new Diagnostic(located.Position, severity, f.Code, $"{message} ({f.Rfc})", f.Fix);
    }
}

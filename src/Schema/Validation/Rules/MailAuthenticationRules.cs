using Reconciler.Schema.Model;

namespace Reconciler.Schema.Validation.Rules;

/// <summary>SPF lookup budget and qualifier, DKIM selectors, DMARC progression, MTA-STS coverage of the MX hosts.</summary>
public sealed class MailAuthenticationRules : IManifestRule
{
    public const int SpfLookupLimit = 10;

    public IEnumerable<Diagnostic> Check(DomainManifest domain, RuleContext context)
    {
        var mail = domain.Mail;
        if (mail.Parked)
        {
            yield break;
        }

        var hosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var mx in mail.Mx)
        {
            if (!hosts.Add(mx.Host.TrimEnd('.')))
            {
                yield return RuleCatalog.DuplicateMx.At(mx.Position, $"MX host {mx.Host} is listed twice");
            }
        }

        if (mail.Spf is { } spf)
        {
            if (spf.DirectLookupCount > SpfLookupLimit)
            {
                yield return RuleCatalog.SpfLookups.At(spf.Position, $"SPF of {domain.Domain} needs {spf.DirectLookupCount} DNS lookups before counting nested includes; the limit is {SpfLookupLimit}");
            }

            if (spf.All == SpfAll.Pass && spf.Redirect is null)
            {
                yield return RuleCatalog.SpfPassAll.At(spf.Position, $"SPF of {domain.Domain} ends in '+all'");
            }
        }

        var selectors = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in mail.Dkim)
        {
            if (!selectors.Add(key.Selector))
            {
                yield return RuleCatalog.DuplicateDkimSelector.At(key.Position, $"DKIM selector '{key.Selector}' is declared twice");
            }

            if (key.State == DkimState.Retiring && key.RetiringSince is null && !key.GeneratedByProvider)
            {
                yield return RuleCatalog.RetiringDkimWithoutDate.At(key.Position, $"DKIM selector '{key.Selector}' is retiring but has no 'retiringSince', so its key stays in DNS until the selector is deleted from the manifest");
            }
        }

        if (mail.Mx.Count > 0 && mail.Provider is not null && !mail.Dkim.Any(k => k.State == DkimState.Active))
        {
            yield return RuleCatalog.NoActiveDkim.At(mail.Position, $"{domain.Domain} receives mail here but signs with no active DKIM selector");
        }

        if (mail.Dmarc is { } dmarc)
        {
            var enforcing = dmarc.P != DmarcDisposition.None || dmarc.Sp is DmarcDisposition.Quarantine or DmarcDisposition.Reject;
            if (enforcing && dmarc.AlignmentVerified is null)
            {
                var p = dmarc.P != DmarcDisposition.None ? dmarc.P : dmarc.Sp!.Value;
                yield return RuleCatalog.DmarcWithoutAlignment.At(dmarc.Position, $"DMARC p={p.ToString().ToLowerInvariant()} for {domain.Domain} without 'alignmentVerified'");
            }

            if (enforcing && dmarc.Pct is < 100)
            {
                yield return RuleCatalog.DmarcPctWhileTightening.At(dmarc.Position, $"DMARC for {domain.Domain} applies to {dmarc.Pct}% of failing mail");
            }
        }

        if (mail.MtaSts is { Mode: not "none" } sts && sts.Mx.Count > 0)
        {
            foreach (var mx in mail.Mx)
            {
                var host = mx.Host.TrimEnd('.').ToLowerInvariant();
                if (!host.Contains('.', StringComparison.Ordinal))
                {
                    host = $"{host}.{domain.Domain}";
                }

                if (!sts.Mx.Any(p => MtaStsPatternMatches(p.ToLowerInvariant(), host)))
                {
                    yield return RuleCatalog.MtaStsMxUncovered.At(sts.Position, $"MX host {host} is not covered by the MTA-STS patterns {string.Join(", ", sts.Mx)}; senders in {sts.Mode} mode will refuse it");
                }
            }
        }
    }

    /// <summary>RFC 8461 §4.1: a leading <c>*.</c> matches exactly one left-most label.</summary>
    public static bool MtaStsPatternMatches(string pattern, string host)
    {
        if (pattern.StartsWith("*.", StringComparison.Ordinal))
        {
            var dot = host.IndexOf('.', StringComparison.Ordinal);
            return dot > 0 && string.Equals(host[(dot + 1)..], pattern[2..], StringComparison.Ordinal);
        }

        return string.Equals(pattern, host, StringComparison.Ordinal);
    }
}

using System.Net;
using Reconciler.Posture.Dkim;
using Reconciler.Posture.Dmarc;
using Reconciler.Posture.MtaSts;
using Reconciler.Posture.Reporting;
using Reconciler.Schema.Model;
using DmarcPolicy = Reconciler.Posture.Dmarc.DmarcPolicy;

namespace Reconciler.Posture.Live;

/// <summary>
/// A domain's posture as published: MX, SPF, DMARC, DKIM, MTA-STS (TXT and policy file over HTTPS) and TLS-RPT,
/// through the resolver. With the domain's manifest it also compares what only the manifest knows: which DKIM
/// selectors should exist and with which keys, whether DMARC alignment was verified before enforcing, whether MTA-STS
/// is meant to be there.
/// </summary>
public sealed class LivePostureAssessor(IPostureResolver resolver, MtaStsPolicyFetcher fetcher, LivePostureOptions? options = null)
{
    private readonly LivePostureOptions _options = options ?? new LivePostureOptions();
    private readonly PostureInspector _inspector = new(resolver);

    public async Task<DomainPosture> AssessAsync(string domain, DomainManifest? manifest, CancellationToken cancellationToken)
    {
        var d = DomainNames.Normalize(domain);
        var findings = new List<PostureFinding>();
        var mx = await CheckMxAsync(d, findings, cancellationToken).ConfigureAwait(false);
        var acceptsNoMail = mx.Count > 0 && mx.All(IsNullMx);

        var spf = await _inspector.AnalyzeSpfAsync(d, cancellationToken).ConfigureAwait(false);
        findings.AddRange(spf.Findings);
        if (acceptsNoMail && spf.Root.Record is { } spfText && !IsRejectAll(spfText))
        {
            findings.Add(PostureCatalogue.SpfNoMailSenders.Report($"{d} has a null MX but its SPF record is '{spfText}'"));
        }

        var dmarc = await _inspector.InspectDmarcAsync(d, cancellationToken).ConfigureAwait(false);
        // mail.parked publishes its DMARC record without rua (nothing to configure); as in manifest checks, that is
        // not held against it.
        findings.AddRange(manifest?.Mail.Parked == true
            ? dmarc.Findings.Where(f => f.Code != PostureCatalogue.DmarcNoAggregateReports.Code)
            : dmarc.Findings);
        var policy = dmarc.Record?.Policy;
        if (acceptsNoMail && policy is { } p && p != DmarcPolicy.Reject)
        {
            findings.Add(PostureCatalogue.DmarcNoMailNotReject.Report($"{d} has a null MX but DMARC p={Lower(p)}"));
        }
        else if (!acceptsNoMail && manifest is { Mail.Parked: false } && policy is DmarcPolicy.Quarantine or DmarcPolicy.Reject &&
                 manifest.Mail.Dmarc?.AlignmentVerified is null)
        {
            findings.Add(PostureCatalogue.DmarcEnforcedUnverified.Report(
                $"_dmarc.{d} publishes p={Lower(policy.Value)} but the manifest ({manifest.File}) records no alignmentVerified date"));
        }

        if (!acceptsNoMail)
        {
            await CheckDkimAsync(d, manifest, findings, cancellationToken).ConfigureAwait(false);
            if (mx.Count > 0)
            {
                await CheckMtaStsAsync(d, manifest, findings, cancellationToken).ConfigureAwait(false);
                findings.AddRange((await _inspector.InspectTlsRptAsync(d, cancellationToken).ConfigureAwait(false)).Findings);
            }
        }

        IReadOnlySet<PostureArea> notApplicable = acceptsNoMail
            ? new HashSet<PostureArea> { PostureArea.Dkim, PostureArea.MtaSts, PostureArea.TlsRpt }
            : mx.Count == 0 ? new HashSet<PostureArea> { PostureArea.MtaSts, PostureArea.TlsRpt } : new HashSet<PostureArea>();
        return new DomainPosture(d, manifest?.File, DomainPosture.Order(findings.Select(f => ReportFinding.From(f))), notApplicable);
    }

    /// <summary>MX: lookup, null MX alone with preference 0 (RFC 7505 §3), each host a name (not an address) that is
    /// not a CNAME (RFC 2181 §10.3) and has addresses (RFC 5321 §5.1).</summary>
    private async Task<IReadOnlyList<MxHost>> CheckMxAsync(string d, List<PostureFinding> findings, CancellationToken ct)
    {
        var mx = await resolver.LookupMxAsync(d, ct).ConfigureAwait(false);
        switch (mx.Status)
        {
            case LookupStatus.Failure:
                findings.Add(PostureCatalogue.MxLookupFailed.Report($"the MX lookup of {d} failed: {mx.Error}"));
                return [];
            case LookupStatus.NoData:
            case LookupStatus.NxDomain:
                findings.Add(PostureCatalogue.MxMissing.Report($"{d} has no MX record; senders try its A/AAAA address instead"));
                return [];
        }

        var nulls = mx.Records.Where(IsNullMx).ToList();
        if (nulls.Count > 0 && nulls.Count < mx.Records.Count)
        {
            var others = string.Join(", ", mx.Records.Where(m => !IsNullMx(m)).Select(m => m.Host));
            findings.Add(PostureCatalogue.NullMxNotAlone.Report($"{d} has a null MX and also {others}"));
        }

        foreach (var n in nulls.Where(n => n.Preference != 0))
        {
            findings.Add(PostureCatalogue.NullMxPreference.Report($"{d}: the null MX has preference {n.Preference}"));
        }

        foreach (var host in mx.Records.Where(m => !IsNullMx(m)).Select(m => DomainNames.Normalize(m.Host)).Distinct())
        {
            if (IPAddress.TryParse(host.Trim('[', ']'), out _) && (host.Contains(':', StringComparison.Ordinal) || host.Count(c => c == '.') == 3))
            {
                findings.Add(PostureCatalogue.MxIpLiteral.Report($"MX host {host} of {d} is an IP address; senders look it up as a name"));
                continue;
            }

            var cname = await resolver.LookupCnameAsync(host, ct).ConfigureAwait(false);
            if (cname.Status == LookupStatus.Found)
            {
                findings.Add(PostureCatalogue.MxCname.Report($"MX host {host} of {d} is a CNAME for {cname.Records[0]}"));
                continue;
            }

            var a = await resolver.LookupAAsync(host, ct).ConfigureAwait(false);
            var aaaa = await resolver.LookupAaaaAsync(host, ct).ConfigureAwait(false);
            if (a.Status == LookupStatus.Found || aaaa.Status == LookupStatus.Found)
            {
                continue;
            }

            findings.Add(a.Status == LookupStatus.Failure || aaaa.Status == LookupStatus.Failure
                ? PostureCatalogue.MxLookupFailed.Report($"the address lookup of MX host {host} failed: {a.Error ?? aaaa.Error}")
                : PostureCatalogue.MxNoAddress.Report($"MX host {host} of {d} has no A or AAAA record"));
        }

        return mx.Records;
    }

    /// <summary>The manifest's selectors must be published with the manifest's keys; commonly used selectors that
    /// are published but not in the manifest are reported.</summary>
    private async Task CheckDkimAsync(string d, DomainManifest? manifest, List<PostureFinding> findings, CancellationToken ct)
    {
        var listed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (manifest is not null)
        {
            if (!manifest.Mail.Dkim.Any(k => k.State == DkimState.Active))
            {
                findings.Add(PostureCatalogue.DkimNone.Report($"the manifest of {d} declares no active DKIM selector, so its mail is not signed"));
            }

            foreach (var key in manifest.Mail.Dkim)
            {
                listed.Add(key.Selector);
                if (key.IsRetired(_options.Today, _options.RetireDkimAfterDays))
                {
                    continue; // removed from DNS by now, or about to be
                }

                var result = await _inspector.InspectDkimAsync(d, key.Selector, ct).ConfigureAwait(false);
                foreach (var f in result.Findings)
                {
                    findings.Add(f.Code == PostureCatalogue.DkimMissing.Code
                        ? PostureCatalogue.DkimMissing.Report($"selector '{key.Selector}' of the manifest is not published: {f.Message}")
                        : f);
                }

                if (key.PublicKey is { } expected && result.Record is { } live && !string.Equals(live.PublicKey, expected, StringComparison.Ordinal))
                {
                    findings.Add(PostureCatalogue.DkimKeyMismatch.Report(
                        $"{key.Selector}._domainkey.{d} publishes a different key than the manifest's (published p={Abbreviate(live.PublicKey)}, manifest {Abbreviate(expected)})"));
                }
            }
        }

        // A wildcard under _domainkey answers every probe; then probing tells nothing.
        var nonce = "rcl" + Guid.NewGuid().ToString("N")[..12];
        if ((await resolver.LookupTxtAsync($"{nonce}._domainkey.{d}", ct).ConfigureAwait(false)).Status == LookupStatus.Found)
        {
            return;
        }

        foreach (var selector in _options.ProbeSelectors.Where(s => !listed.Contains(s)))
        {
            var name = $"{selector}._domainkey.{d}";
            var txt = await resolver.LookupTxtAsync(name, ct).ConfigureAwait(false);
            if (txt.Status != LookupStatus.Found)
            {
                continue;
            }

            var check = DkimKeyCheck.Check(txt.Records[0], name);
            if (manifest is not null)
            {
                if (check.Record is { IsRevoked: false })
                {
                    findings.Add(PostureCatalogue.DkimUnlistedSelector.Report($"{name} publishes a key, but selector '{selector}' is not in the manifest of {d}"));
                }
            }
            else
            {
                findings.AddRange(check.Findings);
            }
        }
    }

    private async Task CheckMtaStsAsync(string d, DomainManifest? manifest, List<PostureFinding> findings, CancellationToken ct)
    {
        var txt = await _inspector.InspectMtaStsTxtAsync(d, ct).ConfigureAwait(false);
        var declared = manifest?.Mail.MtaSts is not null;
        foreach (var f in txt.Findings)
        {
            // Not having MTA-STS is a choice unless the manifest asks for it.
            findings.Add(f.Code == PostureCatalogue.MtaStsMissing.Code && !declared
                ? PostureCatalogue.MtaStsNotDeployed.Report($"{d} receives mail but publishes no MTA-STS policy (_mta-sts.{d})")
                : f);
        }

        if (txt.Record is null)
        {
            return;
        }

        var fetched = await fetcher.FetchAsync(d, ct).ConfigureAwait(false);
        findings.AddRange(fetched.Findings);
        if (fetched.PolicyText is { } text)
        {
            findings.AddRange((await _inspector.CheckMtaStsPolicyAsync(d, text, ct).ConfigureAwait(false)).Findings);
        }
    }

    private static bool IsNullMx(MxHost m) => DomainNames.Normalize(m.Host).Length == 0;

    private static bool IsRejectAll(string spf)
    {
        var terms = spf.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return terms.Length == 2 && terms[1] == "-all";
    }

    private static string Lower(DmarcPolicy p) => p.ToString().ToLowerInvariant();

    private static string Abbreviate(string key) => key.Length <= 16 ? key : $"{key[..8]}…{key[^8..]}";
}

using System.Net;
using Reconciler.Posture.Dkim;
using Reconciler.Posture.Dmarc;
using Reconciler.Posture.MtaSts;
using Reconciler.Posture.Spf;
using Reconciler.Posture.TlsRpt;

namespace Reconciler.Posture;

/// <summary>
/// The posture checks of a domain as published in DNS, in one place. Each method looks up the records at their RFC
/// names through the resolver, selects them as receivers do and runs the same rules as the manifest checks
/// (<see cref="SpfRecordCheck"/>, <see cref="DmarcRecordCheck"/>, <see cref="DkimKeyCheck"/>,
/// <see cref="MtaStsCheck"/>, <see cref="TlsRptCheck"/>). Nothing here fetches over HTTPS: the MTA-STS policy text
/// is passed in.
/// </summary>
public sealed class PostureInspector(IPostureResolver resolver, SpfEvaluatorOptions? spfLimits = null)
{
    /// <summary>SPF: include tree, lookup counts, the chain over the limit, voids, ranges, record rules.</summary>
    public Task<SpfAnalysis> AnalyzeSpfAsync(string domain, CancellationToken cancellationToken) =>
        new SpfAnalyzer(resolver, spfLimits).AnalyzeAsync(domain, cancellationToken);

    /// <summary>SPF flattened to ranges (a snapshot to publish and refresh).</summary>
    public Task<SpfFlattening> FlattenSpfAsync(
        string domain, CancellationToken cancellationToken, SpfFlattenOptions? options = null) =>
        new SpfFlattener(resolver, options ?? new SpfFlattenOptions { Limits = spfLimits ?? new SpfEvaluatorOptions() })
            .FlattenAsync(domain, cancellationToken);

    /// <summary>check_host() for a connection (MAIL FROM, or HELO when MAIL FROM is empty).</summary>
    public Task<SpfCheckResult> EvaluateSpfAsync(
        IPAddress ip, string mailFrom, string helo, CancellationToken cancellationToken) =>
        new SpfEvaluator(resolver, spfLimits).CheckMailFromAsync(ip, mailFrom, helo, cancellationToken);

    /// <summary>DMARC at _dmarc.&lt;domain&gt;, including the external report destination check (RFC 7489 §7.1).
    /// <paramref name="organizationalDomain"/> maps a name to its Organizational Domain when a Public Suffix List
    /// is available; see <see cref="DmarcReportAuthorization.IsExternal"/>.</summary>
    public async Task<DmarcInspection> InspectDmarcAsync(
        string domain, CancellationToken cancellationToken, Func<string, string>? organizationalDomain = null)
    {
        var d = DomainNames.Normalize(domain);
        var name = "_dmarc." + d;
        var txt = await resolver.LookupTxtAsync(name, cancellationToken).ConfigureAwait(false);
        if (txt.Status == LookupStatus.Failure)
        {
            return new DmarcInspection(d, null, [],
                [PostureCatalogue.DmarcLookupFailed.Report($"the TXT lookup of {name} failed: {txt.Error}")]);
        }

        var records = txt.Records.Where(DmarcRecord.IsDmarcRecord).ToList();
        if (records.Count == 0)
        {
            return new DmarcInspection(d, null, [],
                [PostureCatalogue.DmarcMissing.Report($"{name} has no TXT record starting with v=DMARC1")]);
        }

        if (records.Count > 1)
        {
            return new DmarcInspection(d, null, [],
                [PostureCatalogue.DmarcMultiple.Report($"{name} has {records.Count} DMARC records: {string.Join(" | ", records)}")]);
        }

        var check = DmarcRecordCheck.Check(records[0], d);
        if (check.Record is not { } record)
        {
            return new DmarcInspection(d, null, [], check.Findings);
        }

        var (destinations, destinationFindings) = await DmarcReportAuthorization
            .CheckAsync(resolver, d, record, cancellationToken, organizationalDomain).ConfigureAwait(false);
        var findings = check.Findings.Concat(destinationFindings).OrderByDescending(f => f.Severity).ToList();
        return new DmarcInspection(d, record, destinations, findings);
    }

    /// <summary>The DKIM key at &lt;selector&gt;._domainkey.&lt;domain&gt;.</summary>
    public async Task<DkimKeyCheckResult> InspectDkimAsync(
        string domain, string selector, CancellationToken cancellationToken)
    {
        var name = $"{selector}._domainkey.{DomainNames.Normalize(domain)}";
        var txt = await resolver.LookupTxtAsync(name, cancellationToken).ConfigureAwait(false);
        switch (txt.Status)
        {
            case LookupStatus.Failure:
                return new DkimKeyCheckResult(null,
                    [PostureCatalogue.DkimLookupFailed.Report($"the TXT lookup of {name} failed: {txt.Error}")]);
            case LookupStatus.NxDomain:
            case LookupStatus.NoData:
                return new DkimKeyCheckResult(null,
                    [PostureCatalogue.DkimMissing.Report($"{name} has no TXT record")]);
        }

        if (txt.Records.Count > 1)
        {
            return new DkimKeyCheckResult(null,
                [PostureCatalogue.DkimMultiple.Report($"{name} has {txt.Records.Count} TXT records")]);
        }

        return DkimKeyCheck.Check(txt.Records[0], name);
    }

    /// <summary>The _mta-sts.&lt;domain&gt; TXT record.</summary>
    public async Task<MtaStsTxtCheckResult> InspectMtaStsTxtAsync(string domain, CancellationToken cancellationToken)
    {
        var d = DomainNames.Normalize(domain);
        var name = "_mta-sts." + d;
        var txt = await resolver.LookupTxtAsync(name, cancellationToken).ConfigureAwait(false);
        if (txt.Status == LookupStatus.Failure)
        {
            return new MtaStsTxtCheckResult(null,
                [PostureCatalogue.MtaStsLookupFailed.Report($"the TXT lookup of {name} failed: {txt.Error}")]);
        }

        var records = txt.Records.Where(MtaStsTxtRecord.IsMtaStsRecord).ToList();
        return records.Count switch
        {
            0 => new MtaStsTxtCheckResult(null,
                [PostureCatalogue.MtaStsMissing.Report($"{name} has no TXT record starting with v=STSv1")]),
            > 1 => new MtaStsTxtCheckResult(null,
                [PostureCatalogue.MtaStsMultiple.Report($"{name} has {records.Count} v=STSv1 records")]),
            _ => MtaStsCheck.CheckTxt(records[0], d),
        };
    }

    /// <summary>Checks a policy file's text (fetched by the caller) and that the domain's MX hosts match it.</summary>
    public async Task<MtaStsPolicyCheckResult> CheckMtaStsPolicyAsync(
        string domain, string policyText, CancellationToken cancellationToken)
    {
        var d = DomainNames.Normalize(domain);
        var check = MtaStsCheck.CheckPolicy(policyText, d);
        if (check.Policy is not { } policy)
        {
            return check;
        }

        var mx = await resolver.LookupMxAsync(d, cancellationToken).ConfigureAwait(false);
        var extra = mx.Status == LookupStatus.Failure
            ? [PostureCatalogue.MtaStsLookupFailed.Report($"the MX lookup of {d} failed: {mx.Error}")]
            : policy.CheckMxHosts(mx.Records.Select(r => r.Host), d);
        return check with { Findings = check.Findings.Concat(extra).OrderByDescending(f => f.Severity).ToList() };
    }

    /// <summary>The _smtp._tls.&lt;domain&gt; TXT record.</summary>
    public async Task<TlsRptCheckResult> InspectTlsRptAsync(string domain, CancellationToken cancellationToken)
    {
        var d = DomainNames.Normalize(domain);
        var name = "_smtp._tls." + d;
        var txt = await resolver.LookupTxtAsync(name, cancellationToken).ConfigureAwait(false);
        if (txt.Status == LookupStatus.Failure)
        {
            return new TlsRptCheckResult(null,
                [PostureCatalogue.TlsRptLookupFailed.Report($"the TXT lookup of {name} failed: {txt.Error}")]);
        }

        var records = txt.Records.Where(TlsRptRecord.IsTlsRptRecord).ToList();
        return records.Count switch
        {
            0 => new TlsRptCheckResult(null,
                [PostureCatalogue.TlsRptMissing.Report($"{name} has no TXT record starting with v=TLSRPTv1")]),
            > 1 => new TlsRptCheckResult(null,
                [PostureCatalogue.TlsRptMultiple.Report($"{name} has {records.Count} v=TLSRPTv1 records")]),
            _ => TlsRptCheck.Check(records[0], d),
        };
    }
}

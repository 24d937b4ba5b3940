using System.Net;
using System.Text.RegularExpressions;
using Reconciler.Dns;
using Reconciler.Dns.Records;
using Reconciler.Posture.Dkim;
using Reconciler.Posture.Dmarc;
using Reconciler.Posture.MtaSts;
using Reconciler.Posture.Spf;
using Reconciler.Posture.TlsRpt;
using Reconciler.Schema.Model;
using Reconciler.Schema.Validation.Rules;

namespace Reconciler.Posture.Manifest;

/// <summary>
/// The posture rules applied to a manifest: every record the domain would publish (<c>dns.records</c> and what the
/// mail section generates) is checked at its name with the same checks as live DNS, and each finding points at the
/// entry that produces the record. Checks the schema rules already make on the structured mail settings (MAIL010
/// lookup count, MAIL022 +all, MAIL012 pct, MAIL020 MTA-STS coverage) are not repeated here.
/// </summary>
public static partial class ManifestPostureCheck
{
    private const string MailSpf = "mail.spf";
    private const string MailDmarc = "mail.dmarc";
    private const string MailParked = "mail.parked";

    /// <summary>What is wrong or weak in the records as written. `validate` reports these (without Info).</summary>
    public static IReadOnlyList<LocatedFinding> CheckRecords(DomainManifest manifest)
    {
        var zone = Published.Of(manifest);
        if (zone is null)
        {
            return [];
        }

        var findings = new List<LocatedFinding>();
        foreach (var (name, entries) in zone.Txt)
        {
            CheckTxtName(manifest, zone, name, entries, findings);
        }

        foreach (var (name, entries) in zone.Mx)
        {
            CheckMx(manifest, zone, name, entries, findings);
        }

        CheckNoMailDomain(zone, findings);

        if (manifest.Mail.MtaSts is { } sts)
        {
            CheckMtaStsPolicy(manifest, zone, sts, findings);
        }

        return findings;
    }

    /// <summary>What a complete posture has and the manifest lacks (no SPF, no DMARC, no DKIM, no MX, no MTA-STS or
    /// TLS-RPT for a domain that receives mail). Only `posture` reports these: absence is not a manifest error.</summary>
    public static IReadOnlyList<LocatedFinding> CheckCompleteness(DomainManifest manifest)
    {
        var zone = Published.Of(manifest);
        if (zone is null)
        {
            return [];
        }

        var at = manifest.Mail.Position.IsKnown ? manifest.Mail.Position : manifest.Position;
        var d = manifest.Domain;
        var findings = new List<LocatedFinding>();
        if (!zone.TxtAt(zone.Apex).Any(e => SpfRecord.IsSpfRecord(e.Value)))
        {
            findings.Add(new(PostureCatalogue.SpfMissing.Report($"{d} publishes no SPF record (set mail.spf, or mail.parked for a domain without mail)"), at));
        }

        if (!zone.TxtAt(zone.Dmarc).Any(e => DmarcRecord.IsDmarcRecord(e.Value)))
        {
            findings.Add(new(PostureCatalogue.DmarcMissing.Report($"{d} publishes no DMARC record at _dmarc.{d} (set mail.dmarc)"), at));
        }

        if (zone.AcceptsNoMail)
        {
            return findings;
        }

        if (!manifest.Mail.Dkim.Any(k => k.State == DkimState.Active))
        {
            findings.Add(new(PostureCatalogue.DkimNone.Report($"{d} declares no active DKIM selector, so its mail is not signed"), at));
        }

        if (!zone.Mx.TryGetValue(zone.Apex, out var mx) || mx.Count == 0)
        {
            findings.Add(new(PostureCatalogue.MxMissing.Report($"{d} publishes no MX record; senders try its A/AAAA address instead"), at));
            return findings;
        }

        if (!zone.TxtAt(zone.MtaSts).Any(e => MtaStsTxtRecord.IsMtaStsRecord(e.Value)))
        {
            findings.Add(new(PostureCatalogue.MtaStsNotDeployed.Report($"{d} receives mail but has no MTA-STS policy (mail.mtaSts)"), at));
        }

        if (!zone.TxtAt(zone.TlsRpt).Any(e => TlsRptRecord.IsTlsRptRecord(e.Value)))
        {
            findings.Add(new(PostureCatalogue.TlsRptMissing.Report($"{d} receives mail but has no TLS-RPT record (mail.tlsRpt)"), at));
        }

        return findings;
    }

    private static void CheckTxtName(DomainManifest manifest, Published zone, DnsName name, List<Published.Entry> entries, List<LocatedFinding> findings)
    {
        var owner = Show(name);
        var spf = entries.Where(e => SpfRecord.IsSpfRecord(e.Value)).ToList();
        if (spf.Count > 1)
        {
            findings.Add(new(PostureCatalogue.SpfMultipleRecords.Report($"{owner} would publish {spf.Count} SPF records"), spf[1].Spec.Position));
        }

        foreach (var e in spf)
        {
            // MAIL010 and MAIL022 already judge the structured mail.spf; the rest applies to it too.
            var skip = e.Spec.Origin == MailSpf ? new[] { PostureCatalogue.SpfTooManyLookups.Code, PostureCatalogue.SpfPassAll.Code } : [];
            Add(findings, SpfRecordCheck.Check(e.Value, owner).Findings.Where(f => !skip.Contains(f.Code)), e);
        }

        var relative = name.RelativeTo(zone.Apex);
        if (relative == "_dmarc" || relative.StartsWith("_dmarc.", StringComparison.Ordinal))
        {
            var dmarc = entries.Where(e => DmarcRecord.IsDmarcRecord(e.Value)).ToList();
            if (dmarc.Count > 1)
            {
                findings.Add(new(PostureCatalogue.DmarcMultiple.Report($"{owner} would publish {dmarc.Count} DMARC records"), dmarc[1].Spec.Position));
            }

            var policyDomain = Show(name)["_dmarc.".Length..];
            foreach (var e in dmarc)
            {
                // MAIL012 judges pct of the structured mail.dmarc; a parked domain's record has nothing to set.
                var skip = e.Spec.Origin switch
                {
                    MailDmarc => PostureCatalogue.DmarcPartialPercent.Code,
                    MailParked => PostureCatalogue.DmarcNoAggregateReports.Code,
                    _ => null,
                };
                Add(findings, DmarcRecordCheck.Check(e.Value, policyDomain).Findings.Where(f => f.Code != skip), e);
            }
        }
        else if (relative.EndsWith("._domainkey", StringComparison.Ordinal))
        {
            if (entries.Count > 1)
            {
                findings.Add(new(PostureCatalogue.DkimMultiple.Report($"{owner} would publish {entries.Count} TXT records"), entries[1].Spec.Position));
            }

            foreach (var e in entries)
            {
                // A parked domain revokes every selector on purpose.
                var skip = e.Spec.Origin == MailParked ? PostureCatalogue.DkimRevoked.Code : null;
                Add(findings, DkimKeyCheck.Check(e.Value, owner).Findings.Where(f => f.Code != skip), e);
            }
        }
        else if (relative == "_mta-sts")
        {
            var sts = entries.Where(e => MtaStsTxtRecord.IsMtaStsRecord(e.Value)).ToList();
            if (sts.Count > 1)
            {
                findings.Add(new(PostureCatalogue.MtaStsMultiple.Report($"{owner} would publish {sts.Count} v=STSv1 records"), sts[1].Spec.Position));
            }

            foreach (var e in sts)
            {
                Add(findings, MtaStsCheck.CheckTxt(e.Value, manifest.Domain).Findings, e);
            }
        }
        else if (relative == "_smtp._tls")
        {
            var rpt = entries.Where(e => TlsRptRecord.IsTlsRptRecord(e.Value)).ToList();
            if (rpt.Count > 1)
            {
                findings.Add(new(PostureCatalogue.TlsRptMultiple.Report($"{owner} would publish {rpt.Count} v=TLSRPTv1 records"), rpt[1].Spec.Position));
            }

            foreach (var e in rpt)
            {
                Add(findings, TlsRptCheck.Check(e.Value, manifest.Domain).Findings, e);
            }
        }
    }

    private static void CheckMx(DomainManifest manifest, Published zone, DnsName name, List<Published.Entry> entries, List<LocatedFinding> findings)
    {
        var owner = Show(name);
        var hosts = new List<(MxData Mx, Published.Entry Entry)>();
        foreach (var e in entries)
        {
            try
            {
                hosts.Add((MxData.Parse(e.Value, zone.Apex), e));
            }
            catch (DnsFormatException)
            {
                // DNS004 reports values that do not parse.
            }
        }

        var nullMx = hosts.Where(h => h.Mx.Exchange.IsRoot).ToList();
        if (nullMx.Count > 0 && hosts.Count > nullMx.Count)
        {
            var others = string.Join(", ", hosts.Where(h => !h.Mx.Exchange.IsRoot).Select(h => Show(h.Mx.Exchange)));
            findings.Add(new(PostureCatalogue.NullMxNotAlone.Report($"{owner} has a null MX and also {others}: receivers cannot tell whether it takes mail"), nullMx[0].Entry.Spec.Position));
        }

        foreach (var (mx, e) in nullMx.Where(h => h.Mx.Preference != 0))
        {
            findings.Add(new(PostureCatalogue.NullMxPreference.Report($"{owner}: the null MX has preference {mx.Preference}"), e.Spec.Position));
        }

        foreach (var (mx, e) in hosts.Where(h => !h.Mx.Exchange.IsRoot))
        {
            var host = Show(mx.Exchange);
            if (IsAddressLiteral(host))
            {
                findings.Add(new(PostureCatalogue.MxIpLiteral.Report($"MX host {host} of {owner} is an IP address; senders look it up as a name and find nothing"), e.Position));
                continue;
            }

            if (!mx.Exchange.IsSubdomainOf(zone.Apex) || zone.IsUnmanaged(mx.Exchange))
            {
                continue; // outside what the manifest says; `posture --live` checks it
            }

            if (zone.Has(mx.Exchange, "CNAME"))
            {
                findings.Add(new(PostureCatalogue.MxCname.Report($"MX host {host} of {owner} is a CNAME in dns.records"), e.Position));
            }
            else if (!zone.Has(mx.Exchange, "A") && !zone.Has(mx.Exchange, "AAAA"))
            {
                findings.Add(new(PostureCatalogue.MxNoAddress.Report($"MX host {host} of {owner} has no A or AAAA record in dns.records"), e.Position));
            }
        }
    }

    /// <summary>RFC 7505 §4.2: a domain that accepts no mail sends none, so its SPF and DMARC say so.</summary>
    private static void CheckNoMailDomain(Published zone, List<LocatedFinding> findings)
    {
        if (!zone.AcceptsNoMail)
        {
            return;
        }

        foreach (var e in zone.TxtAt(zone.Apex).Where(e => SpfRecord.IsSpfRecord(e.Value)))
        {
            if (!IsRejectAll(e.Value))
            {
                findings.Add(new(PostureCatalogue.SpfNoMailSenders.Report($"{Show(zone.Apex)} has a null MX but its SPF record is '{e.Value}'"), e.Spec.Position));
            }
        }

        foreach (var e in zone.TxtAt(zone.Dmarc).Where(e => DmarcRecord.IsDmarcRecord(e.Value)))
        {
            if (DmarcRecordCheck.Check(e.Value).Record?.Policy is { } p && p != Dmarc.DmarcPolicy.Reject)
            {
                findings.Add(new(PostureCatalogue.DmarcNoMailNotReject.Report($"{Show(zone.Apex)} has a null MX but DMARC p={p.ToString().ToLowerInvariant()}"), e.Spec.Position));
            }
        }
    }

    /// <summary>The policy file the manifest's mtaSts describes (mx patterns, or the MX hosts when none are given).</summary>
    private static void CheckMtaStsPolicy(DomainManifest manifest, Published zone, Schema.Model.MtaStsPolicy sts, List<LocatedFinding> findings)
    {
        var patterns = sts.Mx.Count > 0
            ? sts.Mx
            : zone.Mx.TryGetValue(zone.Apex, out var mx)
                ? mx.Select(e => Published.ParseMx(e.Value, zone.Apex)).OfType<MxData>().Where(m => !m.Exchange.IsRoot).Select(m => Show(m.Exchange)).ToList()
                : [];
        var text = MtaStsPolicyText(sts.Mode, patterns, sts.MaxAge);
        // MAIL020 already checks that the patterns cover the MX hosts.
        var skip = new[] { PostureCatalogue.MtaStsMxUncovered.Code, PostureCatalogue.MtaStsMxUncoveredTesting.Code };
        foreach (var f in MtaStsCheck.CheckPolicy(text, manifest.Domain).Findings.Where(f => !skip.Contains(f.Code)))
        {
            findings.Add(new(f, sts.Position));
        }
    }

    /// <summary>The policy file text for a mode, mx patterns and max_age (RFC 8461 §3.2).</summary>
    public static string MtaStsPolicyText(string mode, IEnumerable<string> mx, int maxAge) =>
        $"version: STSv1\nmode: {mode}\n" + string.Concat(mx.Select(p => $"mx: {p}\n")) + $"max_age: {maxAge}\n";

    private static bool IsRejectAll(string spf)
    {
        var terms = spf.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return terms.Length == 2 && terms[1] == "-all";
    }

    private static bool IsAddressLiteral(string host) =>
        DottedQuad().IsMatch(host) || (host.Contains(':', StringComparison.Ordinal) && IPAddress.TryParse(host.Trim('[', ']'), out _));

    private static void Add(List<LocatedFinding> findings, IEnumerable<PostureFinding> found, Published.Entry entry)
    {
        foreach (var f in found)
        {
            findings.Add(new(f, entry.Position));
        }
    }

    private static string Show(DnsName name) => name.ToString().TrimEnd('.');

    [GeneratedRegex(@"^\[?[0-9]{1,3}(\.[0-9]{1,3}){3}\]?$")]
    private static partial Regex DottedQuad();
}

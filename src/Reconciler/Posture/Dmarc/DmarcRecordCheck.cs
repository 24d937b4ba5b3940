using System.Globalization;
using System.Text.RegularExpressions;

namespace Reconciler.Posture.Dmarc;

/// <summary>Parses and validates a DMARC record text (RFC 7489 §6.3, §6.6.3); no DNS.</summary>
public static partial class DmarcRecordCheck
{
    /// <summary>Tags RFC 7489 defines, plus np= from RFC 9091 so that it is not reported as unknown.</summary>
    private static readonly HashSet<string> KnownTags =
        ["v", "p", "sp", "pct", "rua", "ruf", "adkim", "aspf", "fo", "rf", "ri", "np"];

    public static DmarcCheckResult Check(string text, string? domain = null)
    {
        var where = domain is null ? "the DMARC record" : $"the DMARC record of {domain}";
        var findings = new List<PostureFinding>();
        var tags = TagList.Parse(text, caseInsensitiveNames: true);
        if (tags.Tags.Count == 0 || tags.Tags[0].Name != "v" || tags.Tags[0].Value != "DMARC1")
        {
            var first = tags.Tags.Count == 0 ? "nothing" : $"'{tags.Tags[0].Name}={tags.Tags[0].Value}'";
            findings.Add(PostureCatalogue.DmarcVersion.Report(
                $"{where} starts with {first}; receivers discard records that do not start with v=DMARC1"));
            return new DmarcCheckResult(null, findings);
        }

        if (tags.Problems.Count > 0)
        {
            findings.Add(PostureCatalogue.DmarcTagList.Report($"{where}: {string.Join("; ", tags.Problems)}"));
            return new DmarcCheckResult(null, findings);
        }

        foreach (var tag in tags.Tags.Where(t => !KnownTags.Contains(t.Name)))
        {
            findings.Add(PostureCatalogue.DmarcUnknownTag.Report($"{where}: unknown tag '{tag.Name}' is ignored"));
        }

        var rua = ParseUris(tags["rua"], "rua", where, findings);
        var ruf = ParseUris(tags["ruf"], "ruf", where, findings);

        var policy = ParsePolicy(tags["p"]);
        if (policy is null)
        {
            var what = tags["p"] is { } p ? $"p={p} is not none, quarantine or reject" : "there is no p= tag";
            findings.Add(rua.Count > 0
                ? PostureCatalogue.DmarcPolicyFallback.Report($"{where}: {what}; receivers act as if p=none")
                : PostureCatalogue.DmarcPolicyIgnored.Report($"{where}: {what} and no valid rua=, so receivers ignore the record"));
        }

        DmarcPolicy? subdomainPolicy = null;
        if (tags["sp"] is { } sp)
        {
            subdomainPolicy = ParsePolicy(sp);
            if (subdomainPolicy is null)
            {
                findings.Add(PostureCatalogue.DmarcSubdomainPolicy.Report(
                    $"{where}: sp={sp} is not none, quarantine or reject"));
            }
        }

        if (tags["np"] is { } np && ParsePolicy(np) is null)
        {
            findings.Add(PostureCatalogue.DmarcSubdomainPolicy.Report(
                $"{where}: np={np} is not none, quarantine or reject (RFC 9091)"));
        }

        var percent = 100;
        if (tags["pct"] is { } pct)
        {
            if (IntegerPattern().IsMatch(pct) && pct.Length <= 3 && int.Parse(pct, CultureInfo.InvariantCulture) <= 100)
            {
                percent = int.Parse(pct, CultureInfo.InvariantCulture);
            }
            else
            {
                findings.Add(PostureCatalogue.DmarcPercent.Report($"{where}: pct={pct} is not a whole number from 0 to 100"));
            }
        }

        var adkim = ParseAlignment(tags["adkim"], "adkim", where, findings);
        var aspf = ParseAlignment(tags["aspf"], "aspf", where, findings);

        var fo = tags["fo"] ?? "0";
        if (tags["fo"] is not null &&
            (fo.Length == 0 || fo.Split(':').Any(o => o.Trim() is not ("0" or "1" or "d" or "s"))))
        {
            findings.Add(PostureCatalogue.DmarcFailureOptions.Report(
                $"{where}: fo={fo} is not a colon-separated list of 0, 1, d and s"));
        }

        var rf = tags["rf"] ?? "afrf";
        if (tags["rf"] is not null &&
            (rf.Length == 0 || rf.Split(':').Any(f => !f.Trim().Equals("afrf", StringComparison.OrdinalIgnoreCase))))
        {
            findings.Add(PostureCatalogue.DmarcReportFormat.Report($"{where}: rf={rf}; the only registered format is afrf"));
        }

        uint interval = 86400;
        if (tags["ri"] is { } ri && !uint.TryParse(ri, NumberStyles.None, CultureInfo.InvariantCulture, out interval))
        {
            interval = 86400;
            findings.Add(PostureCatalogue.DmarcInterval.Report($"{where}: ri={ri} is not a number of seconds"));
        }

        // Advice on a record that works.
        if (policy == DmarcPolicy.None)
        {
            findings.Add(PostureCatalogue.DmarcMonitoringOnly.Report(
                $"{where} has p=none: failing mail is delivered as usual"));
        }

        if (percent < 100 && policy is not (null or DmarcPolicy.None))
        {
            findings.Add(PostureCatalogue.DmarcPartialPercent.Report(
                $"{where}: pct={percent} applies p={policy.ToString()!.ToLowerInvariant()} to {percent}% of failing mail"));
        }

        if (tags["rua"] is null)
        {
            findings.Add(PostureCatalogue.DmarcNoAggregateReports.Report($"{where} has no rua=, so nobody receives aggregate reports"));
        }

        if (tags["fo"] is not null && tags["ruf"] is null)
        {
            findings.Add(PostureCatalogue.DmarcFoWithoutRuf.Report($"{where}: fo={fo} has no effect without ruf="));
        }

        if (policy is { } pv && subdomainPolicy is { } spv && spv < pv)
        {
            findings.Add(PostureCatalogue.DmarcWeakSubdomainPolicy.Report(
                $"{where}: sp={spv.ToString().ToLowerInvariant()} is weaker than p={pv.ToString().ToLowerInvariant()}"));
        }

        var record = new DmarcRecord(text, policy, subdomainPolicy, percent, rua, ruf, adkim, aspf, fo, rf, interval);
        return new DmarcCheckResult(record, findings.OrderByDescending(f => f.Severity).ToList());
    }

    /// <summary>Parses one DMARC URI: <c>URI [ "!" 1*DIGIT [ "k" / "m" / "g" / "t" ] ]</c> (RFC 7489 §6.2).</summary>
    public static DmarcReportUri? ParseUri(string text, out string? problem)
    {
        problem = null;
        var uri = text.Trim();
        long? size = null;
        var bang = uri.LastIndexOf('!');
        if (bang >= 0)
        {
            var m = SizePattern().Match(uri[(bang + 1)..]);
            if (!m.Success)
            {
                problem = $"'{uri[bang..]}' is not a size limit such as !10m";
                return null;
            }

            var number = long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            var unit = m.Groups[2].Value.ToLowerInvariant() switch
            {
                "k" => 1L << 10,
                "m" => 1L << 20,
                "g" => 1L << 30,
                "t" => 1L << 40,
                _ => 1L,
            };
            size = number > long.MaxValue / unit ? long.MaxValue : number * unit;
            uri = uri[..bang];
        }

        var colon = uri.IndexOf(':');
        if (colon <= 0 || !SchemePattern().IsMatch(uri[..colon]) || colon == uri.Length - 1)
        {
            problem = $"'{uri}' is not a URI (expected e.g. mailto:dmarc@example.com)";
            return null;
        }

        var scheme = uri[..colon].ToLowerInvariant();
        if (scheme != "mailto")
        {
            if (!Uri.TryCreate(uri, UriKind.Absolute, out _))
            {
                problem = $"'{uri}' is not a valid URI";
                return null;
            }

            return new DmarcReportUri(uri, scheme, null, null, size);
        }

        var address = Uri.UnescapeDataString(uri[(colon + 1)..]);
        var query = address.IndexOf('?');
        if (query >= 0)
        {
            address = address[..query];
        }

        var at = address.LastIndexOf('@');
        var domain = at < 0 ? "" : DomainNames.Normalize(address[(at + 1)..]);
        if (at <= 0 || !DomainNames.IsMultiLabelDomain(domain) || domain.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '.')))
        {
            problem = $"'{uri}' does not hold a valid mail address";
            return null;
        }

        return new DmarcReportUri(uri, scheme, address, domain, size);
    }

    private static List<DmarcReportUri> ParseUris(string? value, string tag, string where, List<PostureFinding> findings)
    {
        var list = new List<DmarcReportUri>();
        if (value is null)
        {
            return list;
        }

        if (value.Length == 0)
        {
            findings.Add(PostureCatalogue.DmarcUri.Report($"{where}: {tag}= is empty"));
            return list;
        }

        foreach (var part in value.Split(','))
        {
            var uri = ParseUri(part, out var problem);
            if (uri is null)
            {
                findings.Add(PostureCatalogue.DmarcUri.Report($"{where}: {tag}: {problem}"));
                continue;
            }

            if (!uri.IsMailto)
            {
                findings.Add(PostureCatalogue.DmarcNonMailtoUri.Report(
                    $"{where}: {tag}: '{uri.Uri}' uses {uri.Scheme}:, which receivers need not support"));
            }

            list.Add(uri);
        }

        return list;
    }

    private static DmarcPolicy? ParsePolicy(string? value) => value?.ToLowerInvariant() switch
    {
        "none" => DmarcPolicy.None,
        "quarantine" => DmarcPolicy.Quarantine,
        "reject" => DmarcPolicy.Reject,
        _ => null,
    };

    private static DmarcAlignmentMode ParseAlignment(string? value, string tag, string where, List<PostureFinding> findings)
    {
        switch (value?.ToLowerInvariant())
        {
            case null:
            case "r":
                return DmarcAlignmentMode.Relaxed;
            case "s":
                return DmarcAlignmentMode.Strict;
            default:
                findings.Add(PostureCatalogue.DmarcAlignment.Report($"{where}: {tag}={value} is not r or s"));
                return DmarcAlignmentMode.Relaxed;
        }
    }

    [GeneratedRegex("^[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex("^([0-9]+)([kmgtKMGT]?)$")]
    private static partial Regex SizePattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]*$")]
    private static partial Regex SchemePattern();
}

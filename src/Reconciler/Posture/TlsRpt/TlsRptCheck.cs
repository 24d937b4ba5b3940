namespace Reconciler.Posture.TlsRpt;

/// <summary>Parses and validates a TLS-RPT record text (RFC 8460 §3); no DNS.</summary>
public static class TlsRptCheck
{
    public static TlsRptCheckResult Check(string text, string? domain = null)
    {
        var where = domain is null ? "the TLS-RPT record" : $"the TLS-RPT record of {domain}";
        var findings = new List<PostureFinding>();
        var tags = TagList.Parse(text);
        if (tags.Tags.Count == 0 || tags.Tags[0].Name != "v" || tags.Tags[0].Value != "TLSRPTv1")
        {
            findings.Add(PostureCatalogue.TlsRptSyntax.Report($"{where} does not start with v=TLSRPTv1"));
            return new TlsRptCheckResult(null, findings);
        }

        if (tags.Problems.Count > 0)
        {
            findings.Add(PostureCatalogue.TlsRptSyntax.Report($"{where}: {string.Join("; ", tags.Problems)}"));
            return new TlsRptCheckResult(null, findings);
        }

        if (tags["rua"] is not { } rua)
        {
            findings.Add(PostureCatalogue.TlsRptNoRua.Report($"{where} has no rua="));
            return new TlsRptCheckResult(null, findings);
        }

        var uris = new List<Uri>();
        foreach (var part in rua.Split(',').Select(p => p.Trim(' ', '\t')))
        {
            if (ParseUri(part) is { } uri)
            {
                uris.Add(uri);
            }
            else
            {
                findings.Add(PostureCatalogue.TlsRptUri.Report(
                    $"{where}: rua: '{part}' is not a mailto: address or an https: URL"));
            }
        }

        foreach (var tag in tags.Tags.Where(t => t.Name is not ("v" or "rua")))
        {
            findings.Add(PostureCatalogue.TlsRptUnknownField.Report($"{where}: field '{tag.Name}' is not defined and is ignored"));
        }

        var extensions = tags.Tags.Where(t => t.Name is not ("v" or "rua")).ToDictionary(t => t.Name, t => t.Value);
        var record = uris.Count > 0 ? new TlsRptRecord(text, uris, extensions) : null;
        return new TlsRptCheckResult(record, findings.OrderByDescending(f => f.Severity).ToList());
    }

    private static Uri? ParseUri(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            return null;
        }

        if (uri.Scheme == Uri.UriSchemeHttps)
        {
            return uri.Host.Length > 0 ? uri : null;
        }

        if (uri.Scheme == Uri.UriSchemeMailto)
        {
            var address = Uri.UnescapeDataString(text["mailto:".Length..]);
            var at = address.LastIndexOf('@');
            return at > 0 && DomainNames.IsMultiLabelDomain(address[(at + 1)..]) ? uri : null;
        }

        return null;
    }
}

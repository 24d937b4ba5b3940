namespace Reconciler.Posture.MtaSts;

/// <summary>An MTA-STS policy file (RFC 8461 §3.2), as served from https://mta-sts.&lt;domain&gt;/.well-known/mta-sts.txt.</summary>
/// <param name="Mode">enforce, testing or none.</param>
/// <param name="MaxAgeSeconds">max_age.</param>
/// <param name="MxPatterns">The mx: patterns, lower case, in order.</param>
/// <param name="Extensions">Other fields, which senders ignore.</param>
public sealed record MtaStsPolicy(
    MtaStsMode Mode,
    long MaxAgeSeconds,
    IReadOnlyList<string> MxPatterns,
    IReadOnlyDictionary<string, string> Extensions)
{
    public const long MaxMaxAgeSeconds = 31557600;

    /// <summary>True when <paramref name="mxHost"/> matches a pattern (RFC 8461 §4.1): equal, or "*.suffix" with
    /// exactly one label in place of the "*".</summary>
    public bool Matches(string mxHost) => MxPatterns.Any(p => PatternMatches(p, mxHost));

    /// <summary>The pattern rule on its own: <c>*.example.com</c> matches mail.example.com but not example.com nor
    /// a.b.example.com.</summary>
    public static bool PatternMatches(string pattern, string mxHost)
    {
        var host = DomainNames.Normalize(mxHost);
        var p = DomainNames.Normalize(pattern);
        if (p.StartsWith("*.", StringComparison.Ordinal))
        {
            var suffix = p[1..];
            if (!host.EndsWith(suffix, StringComparison.Ordinal))
            {
                return false;
            }

            var label = host[..^suffix.Length];
            return label.Length > 0 && !label.Contains('.');
        }

        return host == p;
    }

    /// <summary>Checks that every MX host is matched; what an unmatched host means depends on the mode.</summary>
    public IReadOnlyList<PostureFinding> CheckMxHosts(IEnumerable<string> mxHosts, string? domain = null)
    {
        var findings = new List<PostureFinding>();
        var where = domain is null ? "the MTA-STS policy" : $"the MTA-STS policy of {domain}";
        foreach (var host in mxHosts.Select(DomainNames.Normalize).Where(h => h.Length > 0).Distinct())
        {
            if (Matches(host))
            {
                continue;
            }

            var patterns = MxPatterns.Count == 0 ? "no patterns" : string.Join(", ", MxPatterns);
            switch (Mode)
            {
                case MtaStsMode.Enforce:
                    findings.Add(PostureCatalogue.MtaStsMxUncovered.Report(
                        $"MX host {host} does not match {where} ({patterns}); senders that enforce it will not deliver there"));
                    break;
                case MtaStsMode.Testing:
                    findings.Add(PostureCatalogue.MtaStsMxUncoveredTesting.Report(
                        $"MX host {host} does not match {where} ({patterns}); enforce mode would block it"));
                    break;
            }
        }

        return findings;
    }
}

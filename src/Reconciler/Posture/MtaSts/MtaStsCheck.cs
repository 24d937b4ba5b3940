using System.Globalization;
using System.Text.RegularExpressions;

namespace Reconciler.Posture.MtaSts;

/// <summary>Parses and validates the MTA-STS TXT record and policy file (RFC 8461 §3.1, §3.2); no network.</summary>
public static partial class MtaStsCheck
{
    public static MtaStsTxtCheckResult CheckTxt(string text, string? domain = null)
    {
        var where = domain is null ? "the MTA-STS TXT record" : $"the MTA-STS TXT record of {domain}";
        var findings = new List<PostureFinding>();
        var tags = TagList.Parse(text);
        if (tags.Tags.Count == 0 || tags.Tags[0].Name != "v" || tags.Tags[0].Value != "STSv1")
        {
            findings.Add(PostureCatalogue.MtaStsTxtSyntax.Report($"{where} does not start with v=STSv1"));
            return new MtaStsTxtCheckResult(null, findings);
        }

        if (tags.Problems.Count > 0)
        {
            findings.Add(PostureCatalogue.MtaStsTxtSyntax.Report($"{where}: {string.Join("; ", tags.Problems)}"));
            return new MtaStsTxtCheckResult(null, findings);
        }

        var id = tags["id"];
        if (id is null || !IdPattern().IsMatch(id))
        {
            findings.Add(PostureCatalogue.MtaStsId.Report(id is null
                ? $"{where} has no id="
                : $"{where}: id={id} is not 1 to 32 letters and digits"));
            return new MtaStsTxtCheckResult(null, findings);
        }

        var extensions = tags.Tags.Where(t => t.Name is not ("v" or "id")).ToDictionary(t => t.Name, t => t.Value);
        return new MtaStsTxtCheckResult(new MtaStsTxtRecord(text, id, extensions), findings);
    }

    /// <summary>Parses a policy file: "key: value" lines ended by LF or CRLF; keys and values are case-sensitive;
    /// only mx may repeat; unknown keys are ignored.</summary>
    public static MtaStsPolicyCheckResult CheckPolicy(string text, string? domain = null)
    {
        var where = domain is null ? "the MTA-STS policy" : $"the MTA-STS policy of {domain}";
        var findings = new List<PostureFinding>();
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var mx = new List<string>();
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.TrimEnd('\r');
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                findings.Add(PostureCatalogue.MtaStsPolicySyntax.Report($"{where}, line {lineNumber}: '{line}' is not 'key: value'"));
                continue;
            }

            var key = line[..colon];
            var value = line[(colon + 1)..].Trim(' ', '\t');
            if (key != key.Trim())
            {
                findings.Add(PostureCatalogue.MtaStsPolicySyntax.Report(
                    $"{where}, line {lineNumber}: no space is allowed around the key '{key.Trim()}'"));
                key = key.Trim();
            }

            if (key == "mx")
            {
                mx.Add(value);
                continue;
            }

            if (!fields.TryAdd(key, value))
            {
                findings.Add(PostureCatalogue.MtaStsPolicySyntax.Report(
                    $"{where}, line {lineNumber}: '{key}' is repeated; only the first is used"));
            }
        }

        var ok = true;
        if (!fields.TryGetValue("version", out var version) || version != "STSv1")
        {
            findings.Add(PostureCatalogue.MtaStsPolicyVersion.Report(version is null
                ? $"{where} has no version: line"
                : $"{where}: version: {version} is not STSv1"));
            ok = false;
        }

        MtaStsMode? mode = null;
        if (fields.TryGetValue("mode", out var modeText))
        {
            mode = modeText switch
            {
                "enforce" => MtaStsMode.Enforce,
                "testing" => MtaStsMode.Testing,
                "none" => MtaStsMode.None,
                _ => null,
            };
        }

        if (mode is null)
        {
            var hint = modeText is not null && modeText.ToLowerInvariant() is "enforce" or "testing" or "none"
                ? " (values are case-sensitive)"
                : "";
            findings.Add(PostureCatalogue.MtaStsMode.Report(modeText is null
                ? $"{where} has no mode: line"
                : $"{where}: mode: {modeText} is not enforce, testing or none{hint}"));
            ok = false;
        }

        long maxAge = 0;
        if (!fields.TryGetValue("max_age", out var maxAgeText) || !MaxAgePattern().IsMatch(maxAgeText) ||
            (maxAge = long.Parse(maxAgeText, CultureInfo.InvariantCulture)) > MtaStsPolicy.MaxMaxAgeSeconds)
        {
            findings.Add(PostureCatalogue.MtaStsMaxAge.Report(maxAgeText is null
                ? $"{where} has no max_age: line"
                : $"{where}: max_age: {maxAgeText} is not a number of seconds from 0 to {MtaStsPolicy.MaxMaxAgeSeconds}"));
            ok = false;
        }
        else if (maxAge < 86400)
        {
            findings.Add(PostureCatalogue.MtaStsShortMaxAge.Report(
                $"{where}: max_age: {maxAge} is under a day; senders will refetch the policy constantly"));
        }

        var patterns = new List<string>();
        foreach (var pattern in mx)
        {
            if (IsValidPattern(pattern))
            {
                patterns.Add(DomainNames.Normalize(pattern));
            }
            else
            {
                findings.Add(PostureCatalogue.MtaStsMxPattern.Report(
                    $"{where}: mx: {pattern} is not a host name or *.domain pattern"));
            }
        }

        if (mode is MtaStsMode.Enforce or MtaStsMode.Testing && patterns.Count == 0)
        {
            findings.Add(PostureCatalogue.MtaStsNoMx.Report($"{where} ({modeText}) lists no valid mx: pattern"));
            ok = false;
        }

        if (mode == MtaStsMode.Testing)
        {
            findings.Add(PostureCatalogue.MtaStsTestingMode.Report($"{where} is in testing mode: failures are only reported"));
        }
        else if (mode == MtaStsMode.None)
        {
            findings.Add(PostureCatalogue.MtaStsNoneMode.Report($"{where} has mode: none; senders stop applying MTA-STS"));
        }

        var extensions = fields.Where(f => f.Key is not ("version" or "mode" or "max_age"))
            .ToDictionary(f => f.Key, f => f.Value);
        var policy = ok ? new MtaStsPolicy(mode!.Value, maxAge, patterns, extensions) : null;
        return new MtaStsPolicyCheckResult(policy, findings.OrderByDescending(f => f.Severity).ToList());
    }

    private static bool IsValidPattern(string pattern)
    {
        var p = pattern.StartsWith("*.", StringComparison.Ordinal) ? pattern[2..] : pattern;
        return DomainNames.IsMultiLabelDomain(p) && HostPattern().IsMatch(DomainNames.Normalize(p));
    }

    [GeneratedRegex("^[A-Za-z0-9]{1,32}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[0-9]{1,10}$")]
    private static partial Regex MaxAgePattern();

    [GeneratedRegex("^([a-z0-9]([a-z0-9-]*[a-z0-9])?\\.)+[a-z0-9]([a-z0-9-]*[a-z0-9])?$")]
    private static partial Regex HostPattern();
}

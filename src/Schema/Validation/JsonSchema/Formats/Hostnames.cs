namespace Reconciler.Schema.Validation.JsonSchema.Formats;

/// <summary>
/// <c>hostname</c> (RFC 1123 letters-digits-hyphens labels; "xn--" labels must be valid IDNA2008 A-labels) and
/// <c>idn-hostname</c> (RFC 5890/5891: U-labels checked against RFC 5892 and the RFC 5893 Bidi rule).
/// A trailing dot (the DNS root) is rejected, as the JSON Schema test suite expects.
/// </summary>
internal static class Hostnames
{
    public const int MaxNameLength = 253;

    public static bool IsHostname(string s, out string? reason) => IsHostname(s.AsSpan(), out reason);

    public static bool IsHostname(ReadOnlySpan<char> s, out string? reason)
    {
        if (s.Length == 0)
        {
            reason = "it is empty";
            return false;
        }

        if (s.Length > MaxNameLength)
        {
            reason = $"it is longer than {MaxNameLength} characters";
            return false;
        }

        var hasALabel = false;
        var rest = s;
        while (true)
        {
            var dot = rest.IndexOf('.');
            var label = dot < 0 ? rest : rest[..dot];
            if (!IsLdhLabel(label, out reason))
            {
                return false;
            }

            hasALabel |= IsALabel(label);
            if (dot < 0)
            {
                break;
            }

            rest = rest[(dot + 1)..];
        }

        return !hasALabel || CheckALabels(s.ToString(), out reason);
    }

    /// <summary>Decodes the xn-- labels and applies the IDNA2008 rules, including the Bidi rule across all labels.</summary>
    private static bool CheckALabels(string name, out string? reason)
    {
        var labels = new List<int[]>();
        foreach (var label in name.Split('.'))
        {
            if (IsALabel(label))
            {
                if (!Idna.TryDecodeALabel(label, out var cps, out reason))
                {
                    return false;
                }

                labels.Add(cps);
            }
            else
            {
                labels.Add(Idna.ToCodePoints(label.ToLowerInvariant()));
            }
        }

        return Idna.CheckBidi(labels, out reason);
    }

    private static bool IsALabel(ReadOnlySpan<char> label) =>
        label.Length >= 4 && label[..4].Equals("xn--", StringComparison.OrdinalIgnoreCase);

    public static bool IsIdnHostname(string s, out string? reason)
    {
        if (s.Length == 0)
        {
            reason = "it is empty";
            return false;
        }

        var labels = s.Split(['.', '\u3002', '\uFF0E', '\uFF61']);
        var all = new List<int[]>(labels.Length);
        var asciiLength = labels.Length - 1;
        foreach (var label in labels)
        {
            if (label.Length == 0)
            {
                reason = "it has an empty label (a leading, trailing or doubled dot)";
                return false;
            }

            int[] cps;
            if (label.All(char.IsAscii))
            {
                if (!IsLdhLabel(label, out reason))
                {
                    return false;
                }

                if (label.StartsWith("xn--", StringComparison.OrdinalIgnoreCase))
                {
                    if (!Idna.TryDecodeALabel(label, out cps, out reason))
                    {
                        return false;
                    }
                }
                else
                {
                    cps = Idna.ToCodePoints(label.ToLowerInvariant());
                }

                asciiLength += label.Length;
            }
            else
            {
                // DNS is case-insensitive for ASCII, so "Bücher" is taken as "bücher"; other characters must
                // already be in their IDNA2008 form.
                var lowered = string.Create(label.Length, label, (span, l) =>
                {
                    for (var i = 0; i < l.Length; i++)
                    {
                        span[i] = char.IsAsciiLetterUpper(l[i]) ? (char)(l[i] + 32) : l[i];
                    }
                });
                cps = Idna.ToCodePoints(lowered);
                if (!Idna.CheckULabel(cps, out reason))
                {
                    return false;
                }

                var alabel = "xn--" + Punycode.Encode(lowered);
                if (alabel.Length > Idna.MaxLabelLength)
                {
                    reason = $"a label is longer than {Idna.MaxLabelLength} characters in its xn-- form";
                    return false;
                }

                asciiLength += alabel.Length;
            }

            all.Add(cps);
        }

        if (asciiLength > MaxNameLength)
        {
            reason = $"it is longer than {MaxNameLength} characters";
            return false;
        }

        return Idna.CheckBidi(all, out reason);
    }

    private static bool IsLdhLabel(ReadOnlySpan<char> label, out string? reason)
    {
        if (label.IsEmpty)
        {
            reason = "it has an empty label (a leading, trailing or doubled dot)";
            return false;
        }

        if (label.Length > Idna.MaxLabelLength)
        {
            reason = $"a label is longer than {Idna.MaxLabelLength} characters";
            return false;
        }

        foreach (var c in label)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-')
            {
                reason = c < 0x80 && !char.IsControl(c)
                    ? $"it contains '{c}' (only letters, digits, hyphens and dots are allowed)"
                    : "it contains a character other than letters, digits, hyphens and dots";
                return false;
            }
        }

        if (label[0] == '-' || label[^1] == '-')
        {
            reason = "a label starts or ends with a hyphen";
            return false;
        }

        reason = null;
        return true;
    }
}

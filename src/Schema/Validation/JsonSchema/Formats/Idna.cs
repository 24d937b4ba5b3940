using System.Globalization;

namespace Reconciler.Schema.Validation.JsonSchema.Formats;

/// <summary>
/// IDNA2008 label rules: RFC 5891 §5.4 (U-labels), RFC 5892 (code point classes and contextual rules) and
/// RFC 5893 (the Bidi rule). Unicode data comes from <see cref="IdnaTables"/>, not from ICU, so results do not
/// depend on the machine (the project runs with invariant globalization, where ICU is absent).
/// Not checked: that a U-label is in NFC (normalization is unavailable under invariant globalization).
/// </summary>
internal static class Idna
{
    public const int MaxLabelLength = 63;

    /// <summary>Checks an "xn--" label and returns its decoded form.</summary>
    public static bool TryDecodeALabel(string label, out int[] codePoints, out string? reason)
    {
        codePoints = [];
        var lower = label.ToLowerInvariant();
        var decoded = Punycode.Decode(lower[4..]);
        if (decoded is null)
        {
            reason = $"'{label}' is not valid Punycode";
            return false;
        }

        if (decoded.All(c => c < 0x80))
        {
            reason = $"'{label}' decodes to plain ASCII, which must not be written as an xn-- label";
            return false;
        }

        if ("xn--" + Punycode.Encode(decoded) != lower)
        {
            reason = $"'{label}' is not the canonical Punycode form of its characters";
            return false;
        }

        codePoints = ToCodePoints(decoded);
        return CheckULabel(codePoints, out reason);
    }

    /// <summary>RFC 5891 §5.4 and RFC 5892 for one label given as code points (ASCII already lower-cased).</summary>
    public static bool CheckULabel(int[] cps, out string? reason)
    {
        reason = null;
        if (cps.Length == 0)
        {
            reason = "a label is empty";
            return false;
        }

        if (cps[0] == '-' || cps[^1] == '-')
        {
            reason = "a label starts or ends with a hyphen";
            return false;
        }

        if (cps.Length >= 4 && cps[2] == '-' && cps[3] == '-')
        {
            reason = "a label has '--' in the third and fourth positions";
            return false;
        }

        if (CharUnicodeInfo.GetUnicodeCategory(cps[0]) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
        {
            reason = "a label starts with a combining mark";
            return false;
        }

        for (var i = 0; i < cps.Length; i++)
        {
            var cp = cps[i];
            if (InRanges(IdnaTables.Pvalid, cp))
            {
                continue;
            }

            if (InRanges(IdnaTables.ContextJ, cp))
            {
                if (!ContextJAllows(cps, i))
                {
                    reason = $"{Name(cp)} is not allowed in this position";
                    return false;
                }

                continue;
            }

            if (InRanges(IdnaTables.ContextO, cp))
            {
                if (!ContextOAllows(cps, i))
                {
                    reason = $"{Name(cp)} is not allowed in this context";
                    return false;
                }

                continue;
            }

            reason = $"{Name(cp)} is not allowed in host names";
            return false;
        }

        return true;
    }

    /// <summary>RFC 5893: applies to every label once any label holds right-to-left characters.</summary>
    public static bool CheckBidi(IReadOnlyList<int[]> labels, out string? reason)
    {
        reason = null;
        var bidiDomain = labels.Any(l => l.Any(cp => Bidi(cp) is BidiClass.R or BidiClass.AL or BidiClass.AN));
        if (!bidiDomain)
        {
            return true;
        }

        foreach (var label in labels)
        {
            if (label.Length == 0)
            {
                continue;
            }

            var first = Bidi(label[0]);
            if (first is not (BidiClass.L or BidiClass.R or BidiClass.AL))
            {
                reason = "in a name with right-to-left labels, every label must start with a letter";
                return false;
            }

            var rtl = first is BidiClass.R or BidiClass.AL;
            var hasEn = false;
            var hasAn = false;
            foreach (var cp in label)
            {
                var b = Bidi(cp);
                hasEn |= b == BidiClass.EN;
                hasAn |= b == BidiClass.AN;
                var allowed = rtl
                    ? b is BidiClass.R or BidiClass.AL or BidiClass.AN or BidiClass.EN or BidiClass.ES or BidiClass.CS or BidiClass.ET or BidiClass.ON or BidiClass.BN or BidiClass.NSM
                    : b is BidiClass.L or BidiClass.EN or BidiClass.ES or BidiClass.CS or BidiClass.ET or BidiClass.ON or BidiClass.BN or BidiClass.NSM;
                if (!allowed)
                {
                    reason = rtl ? "a right-to-left label contains left-to-right characters" : "a left-to-right label contains right-to-left characters";
                    return false;
                }
            }

            var end = label.Length - 1;
            while (end > 0 && Bidi(label[end]) == BidiClass.NSM)
            {
                end--;
            }

            var last = Bidi(label[end]);
            var endOk = rtl ? last is BidiClass.R or BidiClass.AL or BidiClass.EN or BidiClass.AN : last is BidiClass.L or BidiClass.EN;
            if (!endOk)
            {
                reason = "a label ends with a character of the wrong direction";
                return false;
            }

            if (rtl && hasEn && hasAn)
            {
                reason = "a right-to-left label mixes European and Arabic-Indic digits";
                return false;
            }
        }

        return true;
    }

    public static int[] ToCodePoints(string s)
    {
        var list = new List<int>(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                list.Add(char.ConvertToUtf32(s[i], s[i + 1]));
                i++;
            }
            else
            {
                list.Add(s[i]);
            }
        }

        return list.ToArray();
    }

    public static BidiClass Bidi(int cp)
    {
        var starts = IdnaTables.BidiRunStarts;
        var lo = 0;
        var hi = starts.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) >> 1;
            if (starts[mid] <= cp)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return (BidiClass)IdnaTables.BidiRunClasses[lo];
    }

    private static bool ContextJAllows(int[] cps, int i)
    {
        if (i > 0 && IsVirama(cps[i - 1]))
        {
            return true;
        }

        if (cps[i] != 0x200C)
        {
            return false;
        }

        // ZERO WIDTH NON-JOINER between joining characters: (L|D) T* ZWNJ T* (R|D)
        var left = i - 1;
        while (left >= 0 && JoiningType(cps[left]) == 'T')
        {
            left--;
        }

        var right = i + 1;
        while (right < cps.Length && JoiningType(cps[right]) == 'T')
        {
            right++;
        }

        return left >= 0 && JoiningType(cps[left]) is 'L' or 'D'
            && right < cps.Length && JoiningType(cps[right]) is 'R' or 'D';
    }

    private static bool ContextOAllows(int[] cps, int i)
    {
        var cp = cps[i];
        switch (cp)
        {
            case 0x00B7:
                return i > 0 && i < cps.Length - 1 && cps[i - 1] == 'l' && cps[i + 1] == 'l';
            case 0x0375:
                return i < cps.Length - 1 && InRanges(IdnaTables.Greek, cps[i + 1]);
            case 0x05F3 or 0x05F4:
                return i > 0 && InRanges(IdnaTables.Hebrew, cps[i - 1]);
            case 0x30FB:
                return cps.Any(c => c != 0x30FB && (InRanges(IdnaTables.Hiragana, c) || InRanges(IdnaTables.Katakana, c) || InRanges(IdnaTables.Han, c)));
            case >= 0x0660 and <= 0x0669:
                return !cps.Any(c => c is >= 0x06F0 and <= 0x06F9);
            case >= 0x06F0 and <= 0x06F9:
                return !cps.Any(c => c is >= 0x0660 and <= 0x0669);
            default:
                return false;
        }
    }

    private static bool IsVirama(int cp) => IdnaTables.Viramas.BinarySearch(cp) >= 0;

    private static char JoiningType(int cp)
    {
        var t = IdnaTables.JoiningTypes;
        var lo = 0;
        var hi = (t.Length / 3) - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >> 1;
            if (cp < t[mid * 3])
            {
                hi = mid - 1;
            }
            else if (cp >= t[(mid * 3) + 1])
            {
                lo = mid + 1;
            }
            else
            {
                return (char)t[(mid * 3) + 2];
            }
        }

        return 'U';
    }

    private static bool InRanges(ReadOnlySpan<int> pairs, int cp)
    {
        var lo = 0;
        var hi = (pairs.Length / 2) - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >> 1;
            if (cp < pairs[mid * 2])
            {
                hi = mid - 1;
            }
            else if (cp >= pairs[(mid * 2) + 1])
            {
                lo = mid + 1;
            }
            else
            {
                return true;
            }
        }

        return false;
    }

    private static string Name(int cp)
    {
        var code = "U+" + cp.ToString("X4", CultureInfo.InvariantCulture);
        return cp is >= 0xD800 and <= 0xDFFF || cp > 0x10FFFF ? code : $"'{char.ConvertFromUtf32(cp)}' ({code})";
    }
}

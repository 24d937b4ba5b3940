using System.Diagnostics.CodeAnalysis;

namespace Reconciler.Dns.Presentation;

/// <summary>
/// TTLs and other time values as BIND reads them: plain seconds (<c>3600</c>) or numbers each followed by a unit
/// <c>w d h m s</c> in any case (<c>1h30m</c>, <c>2W</c>). A number after units without its own unit (<c>1h30</c>)
/// is refused, as BIND does. Printing always uses plain seconds, the canonical form.
/// </summary>
internal static class TtlText
{
    public static bool TryParse(ReadOnlySpan<char> text, out uint seconds, [NotNullWhen(false)] out string? error)
    {
        seconds = 0;
        if (text.IsEmpty || !char.IsAsciiDigit(text[0]))
        {
            error = "it must start with a digit";
            return false;
        }

        ulong total = 0;
        var i = 0;
        var sawUnit = false;
        while (i < text.Length)
        {
            ulong number = 0;
            var digitsStart = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                number = (number * 10) + (ulong)(text[i] - '0');
                if (number > uint.MaxValue)
                {
                    error = $"it is larger than {uint.MaxValue} seconds";
                    return false;
                }

                i++;
            }

            if (i == digitsStart)
            {
                error = $"'{text[i]}' must follow a number";
                return false;
            }

            if (i == text.Length)
            {
                if (sawUnit)
                {
                    error = $"the last number '{text[digitsStart..]}' has no unit (use s, m, h, d or w after every number)";
                    return false;
                }

                total = number;
                break;
            }

            ulong unit = char.ToLowerInvariant(text[i]) switch
            {
                's' => 1,
                'm' => 60,
                'h' => 3600,
                'd' => 86400,
                'w' => 604800,
                _ => 0,
            };
            if (unit == 0)
            {
                error = $"'{text[i]}' is not a unit (use s, m, h, d or w)";
                return false;
            }

            sawUnit = true;
            total += number * unit;
            if (total > uint.MaxValue)
            {
                error = $"it is larger than {uint.MaxValue} seconds";
                return false;
            }

            i++;
        }

        seconds = (uint)total;
        error = null;
        return true;
    }
}

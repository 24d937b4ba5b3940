namespace Reconciler.Schema.Validation.JsonSchema.Formats;

/// <summary>RFC 3339 <c>full-date</c> and <c>date-time</c>, including the leap-second rule (23:59:60 UTC only).</summary>
internal static class DateTimes
{
    public static bool IsDate(ReadOnlySpan<char> s, out string? reason)
    {
        reason = "expected YYYY-MM-DD";
        if (s.Length != 10 || s[4] != '-' || s[7] != '-'
            || !TryDigits(s[..4], out var year) || !TryDigits(s.Slice(5, 2), out var month) || !TryDigits(s.Slice(8, 2), out var day))
        {
            return false;
        }

        if (month is < 1 or > 12)
        {
            reason = "the month must be 01 to 12";
            return false;
        }

        if (day < 1 || day > DaysInMonth(year, month))
        {
            reason = $"that month has {DaysInMonth(year, month)} days";
            return false;
        }

        reason = null;
        return true;
    }

    public static bool IsDateTime(ReadOnlySpan<char> s, out string? reason)
    {
        if (s.Length < 20 || s[10] is not ('T' or 't'))
        {
            reason = "expected YYYY-MM-DDThh:mm:ssZ or an offset such as +02:00";
            return false;
        }

        if (!IsDate(s[..10], out reason))
        {
            return false;
        }

        reason = "expected YYYY-MM-DDThh:mm:ssZ or an offset such as +02:00";
        var t = s[11..];
        if (t.Length < 9 || t[2] != ':' || t[5] != ':'
            || !TryDigits(t[..2], out var hour) || !TryDigits(t.Slice(3, 2), out var minute) || !TryDigits(t.Slice(6, 2), out var second))
        {
            return false;
        }

        var rest = t[8..];
        if (rest.Length > 0 && rest[0] == '.')
        {
            var digits = 1;
            while (digits < rest.Length && char.IsAsciiDigit(rest[digits]))
            {
                digits++;
            }

            if (digits == 1)
            {
                return false;
            }

            rest = rest[digits..];
        }

        int offsetMinutes;
        if (rest is ['Z' or 'z'])
        {
            offsetMinutes = 0;
        }
        else if (rest.Length == 6 && rest[0] is '+' or '-' && rest[3] == ':'
            && TryDigits(rest.Slice(1, 2), out var oh) && TryDigits(rest.Slice(4, 2), out var om))
        {
            if (oh > 23 || om > 59)
            {
                reason = "the offset must be between -23:59 and +23:59";
                return false;
            }

            offsetMinutes = (rest[0] == '-' ? -1 : 1) * ((oh * 60) + om);
        }
        else
        {
            return false;
        }

        if (hour > 23 || minute > 59 || second > 60)
        {
            reason = "the time must be between 00:00:00 and 23:59:59";
            return false;
        }

        if (second == 60)
        {
            var utc = ((((hour * 60) + minute - offsetMinutes) % 1440) + 1440) % 1440;
            if (utc != (23 * 60) + 59)
            {
                reason = "a leap second (:60) can only occur at 23:59 UTC";
                return false;
            }
        }

        reason = null;
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }

    private static int DaysInMonth(int year, int month) => month switch
    {
        2 => (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };
}

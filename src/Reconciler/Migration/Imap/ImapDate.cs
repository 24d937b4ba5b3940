using System.Globalization;

namespace Reconciler.Migration.Imap;

/// <summary>IMAP date-time ("17-Jul-1996 02:44:25 -0700") and date ("1-Feb-1994") without culture or regex.</summary>
internal static class ImapDate
{
    private static readonly string[] Months =
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>The quoted-content form for APPEND: "dd-Mon-yyyy HH:mm:ss +zzzz" (whole seconds).</summary>
    public static string FormatDateTime(DateTimeOffset value)
    {
        var offset = value.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        var abs = offset.Duration();
        return string.Create(CultureInfo.InvariantCulture,
            $"{value.Day:00}-{Months[value.Month - 1]}-{value.Year:0000} {value.Hour:00}:{value.Minute:00}:{value.Second:00} {sign}{abs.Hours:00}{abs.Minutes:00}");
    }

    /// <summary>The SEARCH date form: "1-Feb-1994".</summary>
    public static string FormatDate(DateOnly value) =>
        string.Create(CultureInfo.InvariantCulture, $"{value.Day}-{Months[value.Month - 1]}-{value.Year:0000}");

    public static bool TryParseDateTime(ReadOnlySpan<byte> text, out DateTimeOffset value)
    {
        value = default;
        text = text.Trim((byte)' ');

        // day: one or two digits
        var dash = text.IndexOf((byte)'-');
        if (dash is < 1 or > 2 || !TryDigits(text[..dash], out var day))
        {
            return false;
        }

        text = text[(dash + 1)..];
        if (text.Length < 4 || text[3] != (byte)'-')
        {
            return false;
        }

        var month = MonthIndex(text[..3]);
        if (month < 1)
        {
            return false;
        }

        text = text[4..];
        // yyyy HH:mm:ss +zzzz
        if (text.Length != 4 + 1 + 8 + 1 + 5 || text[4] != (byte)' ' || text[7] != (byte)':' || text[10] != (byte)':' ||
            text[13] != (byte)' ')
        {
            return false;
        }

        if (!TryDigits(text[..4], out var year) || !TryDigits(text.Slice(5, 2), out var hour) ||
            !TryDigits(text.Slice(8, 2), out var minute) || !TryDigits(text.Slice(11, 2), out var second) ||
            !TryDigits(text.Slice(15, 2), out var zoneHours) || !TryDigits(text.Slice(17, 2), out var zoneMinutes))
        {
            return false;
        }

        var zoneSign = text[14];
        if (zoneSign is not ((byte)'+' or (byte)'-'))
        {
            return false;
        }

        var offset = new TimeSpan(zoneHours, zoneMinutes, 0);
        if (zoneSign == (byte)'-')
        {
            offset = -offset;
        }

        try
        {
            value = new DateTimeOffset(year, month, day, hour, minute, second, offset);
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    private static int MonthIndex(ReadOnlySpan<byte> name)
    {
        for (var i = 0; i < Months.Length; i++)
        {
            var m = Months[i];
            if (name.Length == 3 && (name[0] | 0x20) == (m[0] | 0x20) && (name[1] | 0x20) == m[1] &&
                (name[2] | 0x20) == m[2])
            {
                return i + 1;
            }
        }

        return 0;
    }

    private static bool TryDigits(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (var b in text)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            value = value * 10 + (b - '0');
        }

        return true;
    }
}

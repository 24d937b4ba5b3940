using System.Text.RegularExpressions;

namespace Reconciler.Schema.Validation.JsonSchema.Formats;

/// <summary><c>duration</c>: the ISO 8601 duration grammar of RFC 3339 Appendix A (e.g. P1DT12H, PT30M, P2W).</summary>
internal static partial class Durations
{
    public static bool IsDuration(string s) => Grammar().IsMatch(s);

    [GeneratedRegex(
        @"^P(?:(?:[0-9]+D|[0-9]+M(?:[0-9]+D)?|[0-9]+Y(?:[0-9]+M(?:[0-9]+D)?)?)(?:T(?:[0-9]+H(?:[0-9]+M(?:[0-9]+S)?)?|[0-9]+M(?:[0-9]+S)?|[0-9]+S))?|T(?:[0-9]+H(?:[0-9]+M(?:[0-9]+S)?)?|[0-9]+M(?:[0-9]+S)?|[0-9]+S)|[0-9]+W)\z",
        RegexOptions.CultureInvariant)]
    private static partial Regex Grammar();
}

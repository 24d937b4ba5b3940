namespace Reconciler.Schema.Validation.JsonSchema.Formats;

/// <summary>The formats this validator asserts. Any other <c>format</c> value is an annotation only.</summary>
internal static class StringFormats
{
    private static readonly Dictionary<string, StringFormat> Known = new StringFormat[]
    {
        new("email", "a valid email address", EmailAddresses.IsEmail),
        new("idn-email", "a valid email address", EmailAddresses.IsIdnEmail),
        new("hostname", "a valid host name", Hostnames.IsHostname),
        new("idn-hostname", "a valid host name", Hostnames.IsIdnHostname),
        new("ipv4", "a valid IPv4 address", (string s, out string? r) => Result(IpAddresses.IsIpv4(s), "expected four numbers 0-255 such as 192.0.2.1", out r)),
        new("ipv6", "a valid IPv6 address", (string s, out string? r) => Result(IpAddresses.IsIpv6(s), null, out r)),
        new("date", "a valid date", (string s, out string? r) => DateTimes.IsDate(s, out r)),
        new("date-time", "a valid date-time", (string s, out string? r) => DateTimes.IsDateTime(s, out r)),
        new("duration", "a valid duration", (string s, out string? r) => Result(Durations.IsDuration(s), "expected an ISO 8601 duration such as PT30M or P1DT12H", out r)),
        new("uri", "a valid URI", Uris.IsUri),
    }.ToDictionary(f => f.Name, StringComparer.Ordinal);

    public static IEnumerable<string> Names => Known.Keys;

    public static bool TryGet(string name, out StringFormat format) => Known.TryGetValue(name, out format!);

    private static bool Result(bool ok, string? reason, out string? r)
    {
        r = ok ? null : reason;
        return ok;
    }
}

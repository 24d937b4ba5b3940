namespace Reconciler.Dns.ZoneFiles;

/// <summary>
/// SOA serial numbers: date-based <c>YYYYMMDDnn</c> where possible, and always newer than the current serial in
/// RFC 1982 serial-number arithmetic, which is what secondaries compare with.
/// </summary>
public static class SoaSerial
{
    /// <summary>
    /// The serial for a change made on <paramref name="today"/>: <c>YYYYMMDD00</c> when that is newer than
    /// <paramref name="current"/>, else <paramref name="current"/> + 1. So a second change the same day gives
    /// <c>…01</c>; a serial that is in the future or not date-shaped keeps counting up by one (secondaries would
    /// ignore a smaller one); and a serial near 2^32 wraps forward to today's date, which RFC 1982 counts as newer.
    /// Zero is skipped, as BIND does, because some software treats serial 0 as "unset".
    /// </summary>
    public static uint Next(uint current, DateOnly today)
    {
        var dateBased = ((ulong)today.Year * 1_000_000) + ((ulong)today.Month * 10_000) + ((ulong)today.Day * 100);
        if (dateBased <= uint.MaxValue && IsNewer((uint)dateBased, current))
        {
            return (uint)dateBased;
        }

        var next = unchecked(current + 1);
        return next == 0 ? 1 : next;
    }

    /// <summary>RFC 1982 §3.2: true when <paramref name="candidate"/> is greater than <paramref name="current"/>.</summary>
    public static bool IsNewer(uint candidate, uint current)
    {
        const uint half = 1u << 31;
        return (candidate < current && current - candidate > half)
            || (candidate > current && candidate - current < half);
    }
}

namespace Reconciler.Posture.Spf;

/// <summary>
/// An immutable set of addresses of one family, held as sorted disjoint intervals, so that SPF ranges can be
/// merged, subtracted and written back as the fewest CIDR blocks.
/// </summary>
public sealed class IpRangeSet
{
    private readonly List<(UInt128 First, UInt128 Last)> _intervals;

    private IpRangeSet(bool ipv4, List<(UInt128, UInt128)> intervals)
    {
        IsIPv4 = ipv4;
        _intervals = intervals;
    }

    public bool IsIPv4 { get; }

    public bool IsEmpty => _intervals.Count == 0;

    public static IpRangeSet Empty(bool ipv4) => new(ipv4, []);

    public static IpRangeSet Of(bool ipv4, IEnumerable<IpNetwork> networks)
    {
        var list = networks.Where(n => n.IsIPv4 == ipv4).Select(n => (n.First, n.Last)).ToList();
        return new IpRangeSet(ipv4, Normalize(list));
    }

    public IpRangeSet Union(IpRangeSet other)
    {
        Require(other);
        return new IpRangeSet(IsIPv4, Normalize([.. _intervals, .. other._intervals]));
    }

    /// <summary>The addresses in this set and not in <paramref name="other"/>.</summary>
    public IpRangeSet Except(IpRangeSet other)
    {
        Require(other);
        var result = new List<(UInt128, UInt128)>();
        foreach (var (first, last) in _intervals)
        {
            var start = first;
            var done = false;
            foreach (var (oFirst, oLast) in other._intervals)
            {
                if (oLast < start || oFirst > last)
                {
                    continue;
                }

                if (oFirst > start)
                {
                    result.Add((start, oFirst - 1));
                }

                if (oLast >= last)
                {
                    done = true;
                    break;
                }

                start = oLast + 1;
            }

            if (!done)
            {
                result.Add((start, last));
            }
        }

        return new IpRangeSet(IsIPv4, result);
    }

    /// <summary>The fewest CIDR blocks that cover exactly this set, in address order.</summary>
    public IReadOnlyList<IpNetwork> ToNetworks()
    {
        var bits = IsIPv4 ? 32 : 128;
        var networks = new List<IpNetwork>();
        foreach (var (first, last) in _intervals)
        {
            var start = first;
            while (true)
            {
                // The largest block aligned at start that does not pass last.
                var size = bits;
                while (size > 0)
                {
                    var candidate = size - 1;
                    var blockMask = IpNetwork.AllOnes(bits - candidate);
                    if ((start & blockMask) != 0)
                    {
                        break;
                    }

                    var end = start + blockMask;
                    if (end < start || end > last)
                    {
                        break;
                    }

                    size = candidate;
                }

                networks.Add(new IpNetwork(IpNetwork.FromNumber(start, IsIPv4), size));
                var blockLast = start + IpNetwork.AllOnes(bits - size);
                if (blockLast >= last)
                {
                    break;
                }

                start = blockLast + 1;
            }
        }

        return networks;
    }

    private void Require(IpRangeSet other)
    {
        if (other.IsIPv4 != IsIPv4)
        {
            throw new ArgumentException("cannot combine IPv4 and IPv6 range sets", nameof(other));
        }
    }

    private static List<(UInt128, UInt128)> Normalize(List<(UInt128 First, UInt128 Last)> list)
    {
        list.Sort((a, b) => a.First.CompareTo(b.First));
        var merged = new List<(UInt128 First, UInt128 Last)>();
        foreach (var item in list)
        {
            if (merged.Count > 0)
            {
                var lastItem = merged[^1];
                if (lastItem.Last == UInt128.MaxValue || item.First <= lastItem.Last + 1)
                {
                    merged[^1] = (lastItem.First, item.Last > lastItem.Last ? item.Last : lastItem.Last);
                    continue;
                }
            }

            merged.Add(item);
        }

        return merged;
    }
}

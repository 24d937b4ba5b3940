using System.Buffers.Text;
using System.Collections;
using System.Text;

namespace Reconciler.Migration.Imap;

/// <summary>
/// An immutable, sorted set of message UIDs kept as ranges, so 10,000 consecutive UIDs cost one range and print
/// as <c>1:10000</c>. Used for UID SEARCH results, FETCH/COPY arguments and APPENDUID/COPYUID answers.
/// </summary>
public sealed class UidSet : IEnumerable<uint>, IEquatable<UidSet>
{
    private readonly UidRange[] _ranges;

    private UidSet(UidRange[] ranges)
    {
        _ranges = ranges;
        foreach (var r in ranges)
        {
            Count += r.Count;
        }
    }

    public static UidSet Empty { get; } = new([]);

    public IReadOnlyList<UidRange> Ranges => _ranges;

    public long Count { get; }

    public bool IsEmpty => _ranges.Length == 0;

    public uint Min => IsEmpty ? throw new InvalidOperationException("The UID set is empty.") : _ranges[0].Start;

    public uint Max => IsEmpty ? throw new InvalidOperationException("The UID set is empty.") : _ranges[^1].End;

    public static UidSet Single(uint uid) => Range(uid, uid);

    public static UidSet Range(uint first, uint last)
    {
        ValidateUid(first);
        ValidateUid(last);
        return first <= last ? new([new UidRange(first, last)]) : new([new UidRange(last, first)]);
    }

    public static UidSet Of(IEnumerable<uint> uids)
    {
        var builder = new UidSetBuilder();
        foreach (var uid in uids)
        {
            builder.Add(uid);
        }

        return builder.Build();
    }

    /// <summary>Parses the IMAP sequence-set form (<c>1:5,7,9:8</c>); <c>*</c> is refused because it is relative.</summary>
    public static UidSet Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(Encoding.ASCII.GetBytes(text), out var set)
            ? set
            : throw new FormatException($"'{text}' is not a UID set (expected e.g. 1:5,7).");
    }

    public static bool TryParse(ReadOnlySpan<byte> text, out UidSet set)
    {
        set = Empty;
        if (text.IsEmpty)
        {
            return false;
        }

        var builder = new UidSetBuilder();
        foreach (var part in text.Split((byte)','))
        {
            var item = text[part];
            var colon = item.IndexOf((byte)':');
            if (colon < 0)
            {
                if (!TryParseUid(item, out var uid))
                {
                    return false;
                }

                builder.Add(uid);
            }
            else if (TryParseUid(item[..colon], out var a) && TryParseUid(item[(colon + 1)..], out var b))
            {
                builder.AddRange(Math.Min(a, b), Math.Max(a, b));
            }
            else
            {
                return false;
            }
        }

        set = builder.Build();
        return true;
    }

    public bool Contains(uint uid)
    {
        int lo = 0, hi = _ranges.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var r = _ranges[mid];
            if (uid < r.Start)
            {
                hi = mid - 1;
            }
            else if (uid > r.End)
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

    /// <summary>Splits into consecutive sets of at most <paramref name="maxCount"/> UIDs, in ascending order (batches for a copy).</summary>
    public IEnumerable<UidSet> Chunk(int maxCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        var current = new List<UidRange>();
        long inCurrent = 0;
        foreach (var range in _ranges)
        {
            var start = range.Start;
            while (true)
            {
                var room = maxCount - inCurrent;
                var left = (long)range.End - start + 1;
                if (left <= room)
                {
                    current.Add(new UidRange(start, range.End));
                    inCurrent += left;
                    break;
                }

                var end = (uint)(start + room - 1);
                current.Add(new UidRange(start, end));
                yield return new UidSet([.. current]);
                current.Clear();
                inCurrent = 0;
                start = end + 1;
            }

            if (inCurrent == maxCount)
            {
                yield return new UidSet([.. current]);
                current.Clear();
                inCurrent = 0;
            }
        }

        if (current.Count > 0)
        {
            yield return new UidSet([.. current]);
        }
    }

    /// <summary>The UID at <paramref name="index"/> in ascending order (APPENDUID: the n-th appended message's UID).</summary>
    public uint ElementAt(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        foreach (var r in _ranges)
        {
            if (index < r.Count)
            {
                return (uint)(r.Start + index);
            }

            index -= r.Count;
        }

        throw new ArgumentOutOfRangeException(nameof(index), "Index is beyond the end of the UID set.");
    }

    public IEnumerator<uint> GetEnumerator()
    {
        foreach (var r in _ranges)
        {
            for (var uid = (ulong)r.Start; uid <= r.End; uid++)
            {
                yield return (uint)uid;
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var r in _ranges)
        {
            if (sb.Length > 0)
            {
                sb.Append(',');
            }

            sb.Append(r.Start);
            if (r.End != r.Start)
            {
                sb.Append(':').Append(r.End);
            }
        }

        return sb.ToString();
    }

    public bool Equals(UidSet? other) => other is not null && _ranges.AsSpan().SequenceEqual(other._ranges);

    public override bool Equals(object? obj) => obj is UidSet other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var r in _ranges)
        {
            hash.Add(r);
        }

        return hash.ToHashCode();
    }

    internal static UidSet FromSortedRanges(UidRange[] ranges) => new(ranges);

    /// <summary>Writes the wire form straight into <paramref name="destination"/>; returns false when it does not fit.</summary>
    internal bool TryFormat(Span<byte> destination, out int written)
    {
        written = 0;
        foreach (var r in _ranges)
        {
            if (written > 0)
            {
                if (written >= destination.Length)
                {
                    return false;
                }

                destination[written++] = (byte)',';
            }

            if (!Utf8Formatter.TryFormat(r.Start, destination[written..], out var n))
            {
                return false;
            }

            written += n;
            if (r.End != r.Start)
            {
                if (written >= destination.Length)
                {
                    return false;
                }

                destination[written++] = (byte)':';
                if (!Utf8Formatter.TryFormat(r.End, destination[written..], out n))
                {
                    return false;
                }

                written += n;
            }
        }

        return true;
    }

    private static bool TryParseUid(ReadOnlySpan<byte> text, out uint uid) =>
        Utf8Parser.TryParse(text, out uid, out var consumed) && consumed == text.Length && uid != 0;

    private static void ValidateUid(uint uid)
    {
        if (uid == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(uid), "IMAP UIDs start at 1.");
        }
    }
}

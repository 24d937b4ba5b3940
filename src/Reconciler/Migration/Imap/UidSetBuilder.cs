namespace Reconciler.Migration.Imap;

/// <summary>Collects UIDs in any order (a SEARCH answer) and compacts them into a <see cref="UidSet"/>.</summary>
internal sealed class UidSetBuilder
{
    private readonly List<UidRange> _ranges = [];
    private bool _sorted = true;

    public void Add(uint uid) => AddRange(uid, uid);

    public void AddRange(uint start, uint end)
    {
        if (_ranges.Count > 0)
        {
            var last = _ranges[^1];
            if (start >= last.Start && start <= (ulong)last.End + 1)
            {
                // The common case: ascending input extends the last range in place.
                if (end > last.End)
                {
                    _ranges[^1] = last with { End = end };
                }

                return;
            }

            if (start < last.Start)
            {
                _sorted = false;
            }
        }

        _ranges.Add(new UidRange(start, end));
    }

    public void AddSet(UidSet set)
    {
        foreach (var r in set.Ranges)
        {
            AddRange(r.Start, r.End);
        }
    }

    public UidSet Build()
    {
        if (_ranges.Count == 0)
        {
            return UidSet.Empty;
        }

        if (!_sorted)
        {
            _ranges.Sort((a, b) => a.Start.CompareTo(b.Start));
        }

        var merged = new List<UidRange>(_ranges.Count);
        foreach (var r in _ranges)
        {
            if (merged.Count > 0 && r.Start <= (ulong)merged[^1].End + 1)
            {
                if (r.End > merged[^1].End)
                {
                    merged[^1] = merged[^1] with { End = r.End };
                }
            }
            else
            {
                merged.Add(r);
            }
        }

        return UidSet.FromSortedRanges([.. merged]);
    }
}

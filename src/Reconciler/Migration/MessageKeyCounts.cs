namespace Reconciler.Migration;

/// <summary>A multiset of message keys: a folder may hold the same message twice, and both copies count.</summary>
internal sealed class MessageKeyCounts
{
    private readonly Dictionary<MessageKey, int> _counts = [];

    public int Total { get; private set; }

    public IEnumerable<KeyValuePair<MessageKey, int>> Entries => _counts;

    public void Add(MessageKey key, int count = 1)
    {
        _counts[key] = _counts.GetValueOrDefault(key) + count;
        Total += count;
    }

    /// <summary>Removes one occurrence; false when there is none.</summary>
    public bool TryTake(MessageKey key)
    {
        if (!_counts.TryGetValue(key, out var n) || n == 0)
        {
            return false;
        }

        _counts[key] = n - 1;
        Total--;
        return true;
    }

    public int this[MessageKey key] => _counts.GetValueOrDefault(key);

    /// <summary>Keeps, per key, the larger count of this and <paramref name="other"/> (merged folders hold a message once).</summary>
    public void MaxWith(MessageKeyCounts other)
    {
        foreach (var (key, n) in other._counts)
        {
            var mine = this[key];
            if (n > mine)
            {
                Add(key, n - mine);
            }
        }
    }
}

using System.Diagnostics.CodeAnalysis;

namespace Reconciler.Schema.Loading;

/// <summary>An object: keys in written order, unique.</summary>
public sealed class MapNode : Node
{
    // Small maps (the common case in manifests) are searched linearly; a dictionary pays off only past this size.
    private const int IndexThreshold = 8;
    private readonly Dictionary<string, int>? _index;

    public MapNode(IReadOnlyList<MapEntry> entries, SourcePosition position)
        : base(position)
    {
        Entries = entries;
        if (entries.Count > IndexThreshold)
        {
            _index = new Dictionary<string, int>(entries.Count, StringComparer.Ordinal);
            for (var i = 0; i < entries.Count; i++)
            {
                if (!_index.TryAdd(entries[i].Key, i))
                {
                    throw new ArgumentException($"duplicate key '{entries[i].Key}'", nameof(entries));
                }
            }
        }
    }

    public IReadOnlyList<MapEntry> Entries { get; }

    public override NodeKind Kind => NodeKind.Map;

    public int Count => Entries.Count;

    public Node? this[string key] => TryGetEntry(key, out var entry) ? entry.Value : null;

    public bool TryGetValue(string key, [NotNullWhen(true)] out Node? value)
    {
        if (TryGetEntry(key, out var entry))
        {
            value = entry.Value;
            return true;
        }

        value = null;
        return false;
    }

    public bool TryGetEntry(string key, [NotNullWhen(true)] out MapEntry? entry)
    {
        if (_index is not null)
        {
            if (_index.TryGetValue(key, out var i))
            {
                entry = Entries[i];
                return true;
            }

            entry = null;
            return false;
        }

        for (var i = 0; i < Entries.Count; i++)
        {
            if (string.Equals(Entries[i].Key, key, StringComparison.Ordinal))
            {
                entry = Entries[i];
                return true;
            }
        }

        entry = null;
        return false;
    }

    public bool ContainsKey(string key) => TryGetEntry(key, out _);

    public override Node WithPosition(SourcePosition position) => new MapNode(Entries, position);
}

using Reconciler.Schema.Loading;

namespace Reconciler.Schema.Validation.JsonSchema;

/// <summary>
/// Key lookup without allocating: <see cref="MapNode.ContainsKey"/> enumerates small maps through
/// <c>IReadOnlyList</c>'s boxed enumerator, which would put an allocation on every valid document.
/// </summary>
internal static class MapLookup
{
    private const int IndexedAbove = 8;

    public static bool Has(MapNode map, string key)
    {
        var entries = map.Entries;
        if (entries.Count > IndexedAbove)
        {
            return map.ContainsKey(key);
        }

        for (var i = 0; i < entries.Count; i++)
        {
            if (string.Equals(entries[i].Key, key, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}

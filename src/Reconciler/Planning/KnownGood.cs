using Reconciler.Dns;

namespace Reconciler.Planning;

/// <summary>
/// A domain's last-known-good DNS: the record sets as Reconciler last applied them or verified them equal to the
/// manifest (the journal keeps them), and whether the manifest is unchanged since it was last applied in full (the
/// daemon knows). Live data that differs from it was changed outside Reconciler, so putting it back is a restore,
/// applied at once: staging a cutover protects a move away from a value that works, and waiting out a broken value's
/// TTL helps nobody.
/// </summary>
/// <param name="RecordSets">By name and type; read lazily, since only a plan with changes ever looks.</param>
/// <param name="RecordedAt">When the journal last recorded the domain's state; null when it has no record.</param>
/// <param name="EverythingRestores">Set when every difference is a restore, known set or not, and why: the manifest
/// has declared the same since before live moved (the daemon's drift), or an operator asked for a restore.</param>
public sealed record KnownGood(
    Lazy<IReadOnlyDictionary<(DnsName Name, RecordType Type), RecordSet>> RecordSets,
    DateTimeOffset? RecordedAt,
    string? EverythingRestores = null)
{
    public static KnownGood None { get; } = new(new Lazy<IReadOnlyDictionary<(DnsName, RecordType), RecordSet>>(new Dictionary<(DnsName, RecordType), RecordSet>()), null);

    /// <summary>Why every difference of a drifted domain is a restore, for the daemon.</summary>
    public const string ManifestUnchanged = "the manifest has declared it since before the drift";

    /// <summary>The reason prefix of a step that puts a last-known-good value back.</summary>
    public const string RestorePrefix = "restore: ";

    /// <summary>
    /// Why putting <paramref name="want"/> in place of <paramref name="have"/> (null: absent live) is a restore, or
    /// null when it is not (the manifest moved, or nothing is known). TTLs are not compared: a lowered TTL is the
    /// first half of a cutover, not a break.
    /// </summary>
    public string? RestoreReason(RecordSet? have, RecordSet want, string source)
    {
        if (RecordSets.Value.TryGetValue((want.Name, want.Type), out var good))
        {
            if (have is not null && good.HasSameData(have))
            {
                return null;
            }

            var when = RecordedAt is { } at ? $" of {at.UtcDateTime:yyyy-MM-dd HH:mm} UTC" : "";
            var what = have is null ? "live lacks" : "live differs from";
            return good.HasSameData(want)
                ? $"{RestorePrefix}{what} the last-known-good{when} ({source})"
                : $"{RestorePrefix}{what} the last-known-good{when}; {source} is put in place at once";
        }

        return EverythingRestores is { } why ? $"{RestorePrefix}live differs from {source} ({why})" : null;
    }

    /// <summary>
    /// The desired state with every record set the journal knows replaced by its last-known-good value (for
    /// <c>apply --restore</c>); sets it does not know keep the manifest's value.
    /// </summary>
    public DesiredDomain Overlay(DesiredDomain desired)
    {
        var sets = desired.RecordSets.ToDictionary(s => (s.Name, s.Type));
        var origins = desired.Origins.ToDictionary(kv => kv.Key, kv => kv.Value);
        var when = RecordedAt is { } at ? $"{at.UtcDateTime:yyyy-MM-dd HH:mm} UTC" : "an earlier apply";
        foreach (var (key, good) in RecordSets.Value)
        {
            if (!sets.TryGetValue(key, out var want) || !want.Equals(good))
            {
                sets[key] = good;
                origins[key] = $"the last-known-good value (journal, {when})";
            }
        }

        var ordered = sets.Values.OrderBy(s => s.Name).ThenBy(s => s.Type).ToList();
        return desired with { RecordSets = ordered, Origins = origins };
    }
}

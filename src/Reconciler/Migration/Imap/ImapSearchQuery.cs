namespace Reconciler.Migration.Imap;

/// <summary>
/// SEARCH criteria, ANDed together: <c>ImapSearchQuery.Since(d).And(ImapSearchQuery.Before(e))</c>. Dates are
/// the server's internal dates, compared by day as IMAP defines.
/// </summary>
public sealed class ImapSearchQuery
{
    private readonly IReadOnlyList<Criterion> _criteria;

    private ImapSearchQuery(IReadOnlyList<Criterion> criteria) => _criteria = criteria;

    public static ImapSearchQuery All { get; } = new([new Criterion("ALL", null, null)]);

    internal IReadOnlyList<Criterion> Criteria => _criteria;

    public static ImapSearchQuery Since(DateOnly date) => new([new Criterion("SINCE", ImapDate.FormatDate(date), null)]);

    public static ImapSearchQuery Before(DateOnly date) => new([new Criterion("BEFORE", ImapDate.FormatDate(date), null)]);

    public static ImapSearchQuery Uids(UidSet uids)
    {
        ArgumentNullException.ThrowIfNull(uids);
        if (uids.IsEmpty)
        {
            throw new ArgumentException("A UID criterion needs at least one UID.", nameof(uids));
        }

        return new([new Criterion("UID", uids.ToString(), null)]);
    }

    /// <summary>Messages whose header <paramref name="field"/> contains <paramref name="value"/> (e.g. Message-ID).</summary>
    public static ImapSearchQuery Header(string field, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(field);
        ArgumentNullException.ThrowIfNull(value);
        return new([new Criterion("HEADER", null, [field, value])]);
    }

    public ImapSearchQuery And(ImapSearchQuery other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var merged = _criteria.Concat(other._criteria).Where(c => c.Keyword != "ALL").ToArray();
        return merged.Length == 0 ? All : new ImapSearchQuery(merged);
    }

    public override string ToString() =>
        string.Join(' ', _criteria.Select(c => c.Atom is not null ? $"{c.Keyword} {c.Atom}"
            : c.Strings is not null ? $"{c.Keyword} {string.Join(' ', c.Strings.Select(s => $"\"{s}\""))}"
            : c.Keyword));

    /// <summary>A keyword with either an atom argument (dates, UID sets) or string arguments (quoted/literal on the wire).</summary>
    internal sealed record Criterion(string Keyword, string? Atom, string[]? Strings);
}

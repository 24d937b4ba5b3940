namespace Reconciler.Posture.Spf;

/// <summary>Fetches and selects the SPF record of a domain the way check_host() does (RFC 7208 §4.4, §4.5).</summary>
internal static class SpfRecordFetch
{
    public sealed record Fetched(SpfNodeStatus Status, SpfRecord? Record, string? Text, string? Error, int Count);

    public static async Task<Fetched> FetchAsync(
        IPostureResolver resolver, string domain, CancellationToken cancellationToken)
    {
        var txt = await resolver.LookupTxtAsync(domain, cancellationToken).ConfigureAwait(false);
        if (txt.Status == LookupStatus.Failure)
        {
            return new Fetched(SpfNodeStatus.LookupFailed, null, null,
                $"the TXT lookup of {domain} failed: {txt.Error ?? "no answer"}", 0);
        }

        if (txt.Status == LookupStatus.NxDomain)
        {
            return new Fetched(SpfNodeStatus.NxDomain, null, null, $"{domain} does not exist", 0);
        }

        var spf = txt.Records.Where(SpfRecord.IsSpfRecord).ToList();
        return Select(domain, spf);
    }

    public static Fetched Select(string domain, IReadOnlyList<string> spf)
    {
        if (spf.Count == 0)
        {
            return new Fetched(SpfNodeStatus.NoRecord, null, null, $"{domain} has no SPF record", 0);
        }

        if (spf.Count > 1)
        {
            return new Fetched(SpfNodeStatus.MultipleRecords, null, null,
                $"{domain} has {spf.Count} SPF records: {string.Join(" | ", spf)}", spf.Count);
        }

        var parsed = SpfRecord.Parse(spf[0]);
        return parsed.Record is { } record
            ? new Fetched(SpfNodeStatus.Ok, record, spf[0], null, 1)
            : new Fetched(SpfNodeStatus.SyntaxError, null, spf[0], $"the SPF record of {domain}: {parsed.Error}", 1);
    }
}

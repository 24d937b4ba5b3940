namespace Reconciler.Posture;

/// <summary>The answer to one DNS question: the records, or why there are none.</summary>
/// <param name="Status">Found, NoData, NxDomain or Failure.</param>
/// <param name="Records">The records when <paramref name="Status"/> is Found; empty otherwise.</param>
/// <param name="Error">For Failure, what went wrong (for messages; never contains secrets).</param>
public sealed record LookupResult<T>(LookupStatus Status, IReadOnlyList<T> Records, string? Error = null)
{
    public static LookupResult<T> Found(IReadOnlyList<T> records) =>
        records.Count == 0 ? new(LookupStatus.NoData, []) : new(LookupStatus.Found, records);

    public static LookupResult<T> NoData() => new(LookupStatus.NoData, []);

    public static LookupResult<T> NxDomain() => new(LookupStatus.NxDomain, []);

    public static LookupResult<T> Failure(string error) => new(LookupStatus.Failure, [], error);

    /// <summary>NoData or NxDomain: the question was answered and there is nothing (RFC 7208 §4.6.4 "void").</summary>
    public bool IsVoid => Status is LookupStatus.NoData or LookupStatus.NxDomain;
}

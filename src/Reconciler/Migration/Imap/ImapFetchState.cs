namespace Reconciler.Migration.Imap;

/// <summary>What an in-flight UID FETCH asked for and what it has collected so far.</summary>
internal sealed class ImapFetchState(
    UidSet uids,
    Func<ImapFetchedBody, CancellationToken, ValueTask>? onBody,
    CancellationToken cancellationToken)
{
    public UidSet Uids { get; } = uids;

    public Func<ImapFetchedBody, CancellationToken, ValueTask>? OnBody { get; } = onBody;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public List<ImapMessageSummary> Results { get; } = [];
}

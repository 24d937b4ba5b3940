namespace Reconciler.Migration;

/// <summary>
/// Hears what a run does, mailbox by mailbox (progress displays, JSON event streams). Called from several mailboxes
/// at once; implementations must be thread-safe and quick. Counters in between live on <see cref="MailboxProgress"/>.
/// </summary>
public interface IMigrationObserver
{
    void MailboxStarted(MailboxProgress mailbox);

    void FolderPlanned(MailboxProgress mailbox, FolderPlan plan);

    void FolderCopied(MailboxProgress mailbox, FolderPlan plan);

    void MailboxRetrying(MailboxProgress mailbox, int nextAttempt, TimeSpan delay, string reason);

    void MailboxFinished(MailboxProgress mailbox, MailboxResult result);
}

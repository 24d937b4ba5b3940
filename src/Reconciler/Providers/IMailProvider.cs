namespace Reconciler.Providers;

/// <summary>
/// Reads and changes mail domains, mailboxes and routes on one live mail system, under the same contract as
/// <see cref="IDnsProvider"/>: idempotent steps, and "changed since plan" instead of a silent overwrite.
/// </summary>
public interface IMailProvider
{
    string Name { get; }

    /// <summary>
    /// Kinds of mail resource this provider manages; the planner neither plans nor reports drift for any other kind,
    /// so a provider that, say, only keeps aliases never sees the domain's mailboxes deleted as undeclared.
    /// </summary>
    IReadOnlySet<MailResourceKind> ManagedKinds { get; }

    /// <summary>The domain as served now, or null when the mail system does not accept it.</summary>
    Task<LiveMailDomain?> ReadDomainAsync(string domain, CancellationToken cancellationToken);

    /// <summary>
    /// Creates, updates or deletes one <see cref="MailDomainResource"/>, <see cref="MailboxResource"/> or
    /// <see cref="RouteResource"/> of <paramref name="domain"/>.
    /// </summary>
    Task ApplyAsync(string domain, Resource? before, Resource? after, CancellationToken cancellationToken);
}

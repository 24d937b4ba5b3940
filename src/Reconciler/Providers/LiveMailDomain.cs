namespace Reconciler.Providers;

/// <summary>A domain as the mail system serves it now. Null from a provider means it does not accept the domain.</summary>
public sealed record LiveMailDomain(string Domain, IReadOnlyList<MailboxResource> Mailboxes, IReadOnlyList<RouteResource> Routes);

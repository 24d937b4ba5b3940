namespace Reconciler.Providers;

/// <summary>The kinds of mail resource a provider can declare it manages (<see cref="IMailProvider.ManagedKinds"/>).</summary>
public enum MailResourceKind
{
    /// <summary>The mail system accepting the domain at all (<see cref="MailDomainResource"/>).</summary>
    Domain,
    Mailbox,

    /// <summary>A route whose targets all stay inside the domain.</summary>
    Alias,

    /// <summary>A route with at least one target outside the domain.</summary>
    Forward,
    CatchAll,
}

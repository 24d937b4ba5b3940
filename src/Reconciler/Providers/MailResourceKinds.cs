using System.Collections.Frozen;

namespace Reconciler.Providers;

/// <summary>Which <see cref="MailResourceKind"/> a mail resource is, for matching it against what a provider manages.</summary>
public static class MailResourceKinds
{
    /// <summary>Every kind: what a provider that manages a whole mail domain declares. Frozen: shared, never changed.</summary>
    public static IReadOnlySet<MailResourceKind> All { get; } = Enum.GetValues<MailResourceKind>().ToFrozenSet();

    /// <summary>
    /// The kind of <paramref name="resource"/> in <paramref name="domain"/>. Routes are classified by their shape only
    /// (catch-all address, or whether a target leaves the domain), never by the manifest's <see cref="RouteKind"/>: a
    /// route read back from a live system carries no such label, and desired and live must land in the same kind, or
    /// a route of a kind the provider does not manage would be planned for deletion on one side only.
    /// </summary>
    public static MailResourceKind Of(Resource resource, string domain) => resource switch
    {
        MailDomainResource => MailResourceKind.Domain,
        MailboxResource => MailResourceKind.Mailbox,
        RouteResource { IsCatchAll: true } => MailResourceKind.CatchAll,
        RouteResource r => r.Targets.All(t => t.EndsWith("@" + domain, StringComparison.OrdinalIgnoreCase)) ? MailResourceKind.Alias : MailResourceKind.Forward,
        _ => throw new ArgumentException($"{resource.Kind} is not a mail resource", nameof(resource)),
    };
}

using System.Collections.Concurrent;

namespace Reconciler.Daemon;

/// <summary>
/// The daemon's current picture for the HTTP side (status pages, readiness, metrics): written by the reconcile
/// loop, read by requests, never blocking either.
/// </summary>
public sealed class StatusBoard
{
    private readonly ConcurrentDictionary<string, DomainView> _domains = new(StringComparer.Ordinal);

    public DateTimeOffset StartedAt { get; init; }

    public bool Cloned { get; set; }

    public DateTimeOffset? LastFetch { get; set; }

    public string? LastFetchError { get; set; }

    public string? Head { get; set; }

    public DateTimeOffset? LastTick { get; set; }

    /// <summary>Set when the portfolio at <see cref="Head"/> cannot be used at all (reconciler.yaml broken).</summary>
    public string? PortfolioError { get; set; }

    public string? LastPushError { get; set; }

    public IReadOnlyList<DomainView> Domains => _domains.Values.OrderBy(v => v.State.Domain, StringComparer.Ordinal).ToList();

    public DomainView? Find(string domain) => _domains.GetValueOrDefault(domain.ToLowerInvariant().TrimEnd('.'));

    public void Set(DomainView view) => _domains[view.State.Domain] = view;

    public void Remove(string domain) => _domains.TryRemove(domain, out _);

    public int Count(DomainStatus status) => _domains.Values.Count(v => v.State.Status == status);
}

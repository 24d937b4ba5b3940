namespace Reconciler.Schema.Model;

/// <summary>A loaded portfolio: its configuration and every domain, templates already merged.</summary>
public sealed record Portfolio(string Root, PortfolioConfig Config, IReadOnlyList<DomainManifest> Domains)
{
    public DomainManifest? Find(string domain) =>
        Domains.FirstOrDefault(d => string.Equals(d.Domain, domain.TrimEnd('.'), StringComparison.OrdinalIgnoreCase));
}

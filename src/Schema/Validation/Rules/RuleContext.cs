using Reconciler.Schema.Model;

namespace Reconciler.Schema.Validation.Rules;

/// <summary>What a rule may know beyond one manifest: the portfolio's config, its domains, and today's date.</summary>
public sealed record RuleContext(PortfolioConfig Config, IReadOnlySet<string> PortfolioDomains, DateOnly Today);

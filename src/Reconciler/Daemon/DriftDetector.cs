using Reconciler.Planning;
using Reconciler.Providers;
using Reconciler.Reconciling;
using Reconciler.Schema.Model;

namespace Reconciler.Daemon;

/// <summary>
/// The detection half of a reconcile pass, without Git: desired fingerprints, live state read through the providers
/// (bounded per provider), the differ, and a drift report for every domain whose live state differs. The engine
/// does this for the domains that are due; the drift benchmark runs it over a whole portfolio.
/// </summary>
public sealed class DriftDetector(ProviderSet providers, TimeProvider clock)
{
    public async Task<DriftPass> DetectAsync(Portfolio portfolio, IReadOnlyCollection<string>? domains, IReadOnlyList<CutoverWait> cutovers, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var desired = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var m in portfolio.Domains)
        {
            if (domains is null || domains.Contains(m.Domain))
            {
                var (d, diagnostics) = DesiredStateBuilder.Build(m, today);
                if (d is not null && diagnostics.Count == 0)
                {
                    desired[m.Domain] = DesiredFingerprint.Of(d);
                }
            }
        }

        var plan = await new PortfolioPlanner(providers, clock).PlanAsync(portfolio, domains, cutovers, null, null, ct);
        var reports = new List<DriftReport>();
        foreach (var d in plan.Domains.Where(d => d.Error is null && d.HasChanges))
        {
            reports.Add(DriftReport.Build(d, null, now, portfolio.Find(d.Domain)?.Policy.OnDrift ?? DriftAction.Report));
        }

        return new DriftPass(plan, desired, reports);
    }
}

using Reconciler.Applying;
using Reconciler.GitOps;
using Reconciler.Planning;
using Reconciler.Providers;
using Reconciler.Reconciling;
using Reconciler.Schema;
using Reconciler.Schema.Model;
using Spectre.Console;

namespace Reconciler.Cli;

/// <summary>
/// A loaded, valid portfolio with its providers and journal: what plan and apply work on. Opening refuses a
/// portfolio with errors, so a bad manifest never reaches a provider.
/// </summary>
public sealed class PortfolioSession : IAsyncDisposable
{
    private PortfolioSession(Portfolio portfolio, ProviderSet providers, Journal journal)
    {
        Portfolio = portfolio;
        Providers = providers;
        Journal = journal;
    }

    public Portfolio Portfolio { get; }

    public ProviderSet Providers { get; }

    public Journal Journal { get; }

    /// <summary>Below this many domains a plan is quick enough that a progress bar would only flicker.</summary>
    private const int ProgressThreshold = 50;

    public static string DefaultJournalPath(string root) => Path.Combine(root, ".reconciler", "journal.db");

    /// <summary>Null when the portfolio has errors (they are printed).</summary>
    public static async Task<PortfolioSession?> OpenAsync(CliServices services, string path, string? journalPath, CancellationToken ct)
    {
        var loaded = await services.LoadPortfolioAsync(path, ct);
        if (loaded.HasErrors || loaded.Portfolio is null)
        {
            DiagnosticPrinter.PrintText(services.Error, loaded, services.Color);
            await services.Error.WriteLineAsync("Fix the manifests first: nothing was read from or changed on live systems.");
            return null;
        }

        var portfolio = loaded.Portfolio;
        var journal = await Journal.OpenAsync(journalPath ?? DefaultJournalPath(portfolio.Root), ct);
        return new PortfolioSession(portfolio, services.CreateProviders(portfolio.Config), journal);
    }

    /// <summary>
    /// The <c>--domain</c> values as the portfolio names them (case, trailing dot and IDN spelling forgiven), or null
    /// after saying which are not in the portfolio: a typo must not quietly plan nothing and look like "no changes".
    /// </summary>
    public async Task<IReadOnlyList<string>?> ResolveDomainsAsync(CliServices services, IReadOnlyCollection<string> requested, string option = "--domain")
    {
        var known = Portfolio.Domains.Select(d => d.Domain).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var ascii = requested.Select(d => (Given: d, Ascii: DomainNames.ToAscii(d))).ToList();
        var unknown = ascii.Where(d => !known.Contains(d.Ascii)).Select(d => d.Given).ToList();
        if (unknown.Count == 0)
        {
            return ascii.Select(d => d.Ascii.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();
        }

        foreach (var d in unknown)
        {
            await services.Error.WriteLineAsync($"reconciler: {option} {d}: not a domain of this portfolio (no domains/*.yaml declares it)");
        }

        await services.Error.WriteLineAsync($"Domains in {Portfolio.Root}: " + string.Join(", ", Portfolio.Domains.Select(d => d.Domain).Order(StringComparer.Ordinal).Take(20)) + (Portfolio.Domains.Count > 20 ? ", …" : ""));
        return null;
    }

    /// <param name="restore">Plan the domains back to their last-known-good (<c>apply --restore</c>).</param>
    public async Task<Plan> PlanAsync(CliServices services, IReadOnlyCollection<string> domains, CancellationToken ct, bool restore = false)
    {
        var cutovers = await Journal.CutoverWaitsAsync(ct);
        var knownGood = await Journal.KnownGoodAsync(ct);
        var commit = await GitCli.TryGetHeadAsync(Portfolio.Root, ct);
        var planner = new PortfolioPlanner(Providers, services.Clock) { KnownGood = knownGood, RestoreLastKnownGood = restore };
        var count = domains.Count > 0 ? domains.Count : Portfolio.Domains.Count;
        if (!services.Interactive || count < ProgressThreshold)
        {
            return await planner.PlanAsync(Portfolio, domains, cutovers, commit, null, ct);
        }

        Plan? plan = null;
        await AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) })
            .Progress()
            .AutoClear(true)
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask("reading live state", maxValue: count);
                plan = await planner.PlanAsync(Portfolio, domains, cutovers, commit, new Progress<string>(_ => task.Increment(1)), ct);
            });
        return plan!;
    }

    public ValueTask DisposeAsync() => Journal.DisposeAsync();
}

using System.Collections.Concurrent;
using Reconciler.Dns;
using Reconciler.Planning;
using Reconciler.Providers;
using Reconciler.Schema.Model;

namespace Reconciler.Reconciling;

/// <summary>
/// Makes a plan for a portfolio: desired state from the manifests, live state from the providers (read with bounded
/// parallelism per provider), the differ in between. A provider whose state cannot be read fails every domain it
/// serves, so nothing of it is changed on half-read state.
/// </summary>
public sealed class PortfolioPlanner(ProviderSet providers, TimeProvider clock)
{
    private readonly LiveReader _live = new(providers);

    /// <summary>Each domain's last-known-good (journal, daemon): live that left it is restored at once, never staged.</summary>
    public IReadOnlyDictionary<string, KnownGood> KnownGood { get; init; } = new Dictionary<string, KnownGood>();

    /// <summary>
    /// Plans the domains back to their last-known-good (<c>apply --restore</c>): the journal's value for every record
    /// set it knows, the manifest's for the rest, every step a restore.
    /// </summary>
    public bool RestoreLastKnownGood { get; init; }

    /// <summary>
    /// Domains planned at once: two per core for the diffing, and never fewer than the largest provider
    /// <c>parallelism</c>, which would otherwise be capped here without a word (reads are network-bound; each
    /// provider's own gate is what bounds them).
    /// </summary>
    public static int DomainParallelism(PortfolioConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return Math.Max(Math.Max(4, Environment.ProcessorCount * 2), config.Providers.Values.Select(p => p.Parallelism).DefaultIfEmpty(1).Max());
    }

    public async Task<Plan> PlanAsync(
        Portfolio portfolio,
        IReadOnlyCollection<string>? onlyDomains,
        IReadOnlyList<CutoverWait> cutovers,
        string? commit,
        IProgress<string>? progress,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var domains = portfolio.Domains
            .Where(d => onlyDomains is null || onlyDomains.Count == 0 || onlyDomains.Contains(d.Domain, StringComparer.OrdinalIgnoreCase))
            .ToList();

        var gates = portfolio.Config.Providers.ToDictionary(p => p.Key, p => new SemaphoreSlim(Math.Max(1, p.Value.Parallelism)), StringComparer.Ordinal);
        var results = new DomainPlan[domains.Count];
        var unreadable = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(
            Enumerable.Range(0, domains.Count),
            new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = DomainParallelism(portfolio.Config) },
            async (i, token) =>
            {
                var manifest = domains[i];
                results[i] = await PlanDomainAsync(manifest, portfolio.Config, gates, cutovers, now, today, unreadable, token);
                progress?.Report(manifest.Domain);
            });

        for (var i = 0; i < results.Length; i++)
        {
            var d = results[i];
            var failed = new[] { d.DnsProvider, d.MailProvider }.FirstOrDefault(p => p is not null && unreadable.ContainsKey(p));
            if (d.Error is null && failed is not null)
            {
                results[i] = d with { Steps = [], Error = $"provider '{failed}' could not read all of its state ({unreadable[failed]}); nothing it serves is changed until that is fixed" };
            }
        }

        return new Plan(now, portfolio.Root, commit, results);
    }

    private async Task<DomainPlan> PlanDomainAsync(
        DomainManifest manifest,
        PortfolioConfig config,
        Dictionary<string, SemaphoreSlim> gates,
        IReadOnlyList<CutoverWait> cutovers,
        DateTimeOffset now,
        DateOnly today,
        ConcurrentDictionary<string, string> unreadable,
        CancellationToken ct)
    {
        var (desired, diagnostics) = DesiredStateBuilder.Build(manifest, today);
        if (desired is null || diagnostics.Count > 0)
        {
            return new DomainPlan(manifest.Domain, manifest.Dns.Provider, manifest.Mail.Provider, "", [], string.Join("; ", diagnostics.Select(d => d.ToString())));
        }

        var dns = manifest.Dns.Provider!;
        var mail = manifest.Mail.Parked ? null : manifest.Mail.Provider;
        // The DNS and mail reads go to different systems: one need not wait for the other.
        var zoneRead = ReadAsync(dns, gates, unreadable, () => providers.Dns(dns).ReadZoneAsync(DnsName.Parse(manifest.Domain + "."), ct), ct);
        var mailRead = mail is null ? Task.FromResult<(LiveMailDomain? Value, string? Error)>(default) : ReadAsync(mail, gates, unreadable, () => providers.Mail(mail).ReadDomainAsync(manifest.Domain, ct), ct);
        var zone = await zoneRead;
        var mailbox = await mailRead;
        if ((zone.Error ?? mailbox.Error) is { } error)
        {
            return new DomainPlan(manifest.Domain, dns, mail, "", [], error);
        }

        var live = new LiveDomain(zone.Value, mailbox.Value);
        var managed = providers.Dns(dns).ManagedTypes;
        var known = KnownGood.GetValueOrDefault(manifest.Domain) ?? Planning.KnownGood.None;
        if (RestoreLastKnownGood)
        {
            known = known with { EverythingRestores = "apply --restore" };
            desired = known.Overlay(desired);
        }

        var context = new PlanningContext(now, config.Safety, managed, cutovers)
        {
            ManagedMailKinds = mail is null ? MailResourceKinds.All : providers.Mail(mail).ManagedKinds,
            KnownGood = known,
        };
        var plan = Differ.Diff(desired, live, context);
        if (!RestoreLastKnownGood)
        {
            return plan;
        }

        // A restore puts DNS back; mailboxes and routes have no last-known-good of their own: a normal apply does them.
        return plan with { Steps = [.. plan.Steps.Where(s => s.Role == ProviderRole.Dns).Select((s, i) => s with { Index = i + 1 })] };
    }

    /// <summary>One provider read under that provider's parallelism limit; a failure marks the provider unreadable.</summary>
    private static async Task<(T? Value, string? Error)> ReadAsync<T>(
        string provider,
        Dictionary<string, SemaphoreSlim> gates,
        ConcurrentDictionary<string, string> unreadable,
        Func<Task<T?>> read,
        CancellationToken ct)
        where T : class
    {
        var gate = gates.GetValueOrDefault(provider);
        if (gate is not null)
        {
            await gate.WaitAsync(ct);
        }

        try
        {
            return (await read(), null);
        }
        catch (ProviderException e)
        {
            unreadable.TryAdd(provider, e.Message);
            return (null, e.Message);
        }
        finally
        {
            gate?.Release();
        }
    }
}

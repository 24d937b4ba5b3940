using Reconciler.Dns;
using Reconciler.Dns.Records;
using Reconciler.Providers;

namespace Reconciler.Planning;

/// <summary>
/// Desired against live, for one domain: the ordered steps that make live equal desired. Pure: no I/O, no clock
/// but the one in <see cref="PlanningContext"/>. Apex SOA and NS, types the provider does not manage and names the
/// manifest leaves unmanaged never produce a step.
/// </summary>
public static class Differ
{
    public static DomainPlan Diff(DesiredDomain desired, LiveDomain live, PlanningContext context)
    {
        var m = desired.Manifest;
        var dnsProvider = m.Dns.Provider ?? "";
        var mailProvider = m.Mail.Provider;
        var steps = new List<Draft>();

        var desiredSets = DiffZone(desired, live.Zone, context, dnsProvider, steps);
        if (mailProvider is not null && desired.MailDomain is not null)
        {
            DiffMail(desired, live.Mail, mailProvider, context.ManagedMailKinds, steps);
        }

        var ordered = steps
            .OrderBy(s => s.Step.Phase)
            .ThenBy(s => s.Order)
            .ThenBy(s => s.Step.ResourceId, StringComparer.Ordinal)
            .Select((s, i) => s.Step with { Index = i + 1 })
            .ToList();
        var checkedSteps = SafetyPolicy.Apply(ordered, live.Zone, desired, context.Safety);
        return new DomainPlan(desired.Domain, dnsProvider, mailProvider, live.Fingerprint, checkedSteps)
        {
            DesiredRecordSets = desiredSets,
        };
    }

    /// <summary>A step before numbering, with its order inside its phase.</summary>
    private sealed record Draft(PlanStep Step, int Order);

    /// <summary>Adds the zone's steps; returns the managed record sets desired (what live holds once they ran).</summary>
    private static IReadOnlyList<RecordSet> DiffZone(DesiredDomain desired, LiveZone? zone, PlanningContext context, string provider, List<Draft> steps)
    {
        var origin = desired.Zone;
        var liveSets = new Dictionary<(DnsName, RecordType), RecordSet>();
        if (zone is null)
        {
            steps.Add(new Draft(
                NewStep(desired, StepAction.Create, Phase.Prepare, ProviderRole.Dns, provider, null, new ZoneResource(origin), $"zone {origin} does not exist on '{provider}'", Risk.Low),
                0));
        }
        else
        {
            foreach (var s in zone.RecordSets)
            {
                if (IsManaged(s.Name, s.Type, desired, context))
                {
                    liveSets[(s.Name, s.Type)] = s;
                }
            }
        }

        // A retiring selector whose time in DNS is over is no longer desired: its key is deleted (phase 7).
        var retired = RetiredDkimKeys(desired, context);
        var desiredSets = desired.RecordSets
            .Where(s => IsManaged(s.Name, s.Type, desired, context) && !(s.Type == RecordType.TXT && retired.ContainsKey(s.Name)))
            .ToDictionary(s => (s.Name, s.Type));

        foreach (var (key, want) in desiredSets)
        {
            liveSets.TryGetValue(key, out var have);
            if (have is not null && have.Equals(want))
            {
                continue;
            }

            var origin1 = desired.Origins.GetValueOrDefault(key, "dns.records");
            if (have is null)
            {
                var (phase, order) = PhaseOf(want, origin);
                var restore = context.KnownGood.RestoreReason(null, want, origin1);
                steps.Add(new Draft(
                    NewStep(desired, StepAction.Create, phase, ProviderRole.Dns, provider, null, Wrap(want, origin), restore ?? $"declared in {origin1}", RiskOf(StepAction.Create, want, origin),
                        purpose: restore is null ? null : PlanStep.Restore),
                    order));
                continue;
            }

            AddUpdate(desired, have, want, origin1, context, provider, steps);
        }

        var glue = ApexNameServerAddresses(zone, origin);
        foreach (var (key, have) in liveSets)
        {
            if (desiredSets.ContainsKey(key) || glue.Contains(key))
            {
                continue;
            }

            var retirement = key.Item2 == RecordType.TXT && retired.TryGetValue(key.Item1, out var reason) ? reason : null;
            steps.Add(new Draft(
                NewStep(desired, StepAction.Delete, Phase.Delete, ProviderRole.Dns, provider, Wrap(have, origin), null, retirement ?? "not declared in the manifest", RiskOf(StepAction.Delete, have, origin),
                    purpose: retirement is null ? null : PlanStep.DkimRetirement),
                DeleteOrder(have, origin)));
        }

        return [.. desiredSets.Values];
    }

    /// <summary>
    /// The in-zone address sets of the zone's own name servers. The apex NS belongs to the DNS host, and so do the
    /// addresses that make it reachable: a manifest that does not mention them leaves them alone (one that declares
    /// them manages them), because deleting them would break the delegation of every name in the zone.
    /// </summary>
    private static HashSet<(DnsName, RecordType)> ApexNameServerAddresses(LiveZone? zone, DnsName origin)
    {
        var glue = new HashSet<(DnsName, RecordType)>();
        var ns = zone?.RecordSets.FirstOrDefault(s => s.Name == origin && s.Type == RecordType.NS);
        foreach (var target in ns?.Records.OfType<NsData>().Select(d => d.Target) ?? [])
        {
            if (target.IsSubdomainOf(origin))
            {
                glue.Add((target, RecordType.A));
                glue.Add((target, RecordType.AAAA));
            }
        }

        return glue;
    }

    /// <summary>Key record names of retiring selectors whose <c>retiringSince</c> plus <c>retireDkimAfterDays</c>
    /// has passed, with the reason the plan gives for deleting them.</summary>
    private static Dictionary<DnsName, string> RetiredDkimKeys(DesiredDomain desired, PlanningContext context)
    {
        var today = DateOnly.FromDateTime(context.Now.UtcDateTime);
        var days = context.Safety.RetireDkimAfterDays;
        var retired = new Dictionary<DnsName, string>();
        foreach (var key in desired.Manifest.Mail.Dkim)
        {
            if (!key.GeneratedByProvider && key.IsRetired(today, days) &&
                DnsName.TryParse($"{key.Selector}._domainkey", desired.Zone, out var name))
            {
                retired[name] = $"DKIM selector '{key.Selector}' retiring since {key.RetiringSince:yyyy-MM-dd}; its {days} days in DNS ended on {key.RetireOn(days):yyyy-MM-dd}";
            }
        }

        return retired;
    }

    private static void AddUpdate(DesiredDomain desired, RecordSet have, RecordSet want, string source, PlanningContext context, string provider, List<Draft> steps)
    {
        var origin = desired.Zone;
        var (phase, order) = PhaseOf(want, origin);
        // Only the manifest moving the MX is a cutover. Live that left the last-known-good value is put back at once:
        // its old TTL protects nothing that works.
        var restore = context.KnownGood.RestoreReason(have, want, source);
        var isCutover = want.Type == RecordType.MX && !have.HasSameData(want) && desired.Manifest.Policy.CutoverWaitsForTtl && restore is null;
        if (isCutover && have.Ttl > context.LowTtl)
        {
            // Stage it: lower the TTL now, switch once resolvers can no longer hold the old answer.
            var lowered = new RecordSet(have.Name, have.Type, context.LowTtl, have.Records);
            steps.Add(new Draft(
                NewStep(desired, StepAction.Update, Phase.Prepare, ProviderRole.Dns, provider, Wrap(have, origin), Wrap(lowered, origin),
                    $"lower TTL {have.Ttl}s → {context.LowTtl}s ahead of the MX cutover", Risk.Low, purpose: PlanStep.TtlLowering),
                1));
            steps.Add(new Draft(
                NewStep(desired, StepAction.Update, phase, ProviderRole.Dns, provider, Wrap(lowered, origin), Wrap(want, origin),
                    $"declared in {source}; waits {have.Ttl}s after the TTL is lowered", Risk.High,
                    notBefore: context.Now.AddSeconds(have.Ttl), waitAfterPrevious: TimeSpan.FromSeconds(have.Ttl)),
                order));
            return;
        }

        DateTimeOffset? notBefore = null;
        if (isCutover)
        {
            var wait = context.Cutovers
                .Where(c => c.Domain == desired.Domain && c.Name == have.Name && c.Type == have.Type)
                .OrderByDescending(c => c.LoweredAt)
                .FirstOrDefault();
            if (wait is not null && wait.ReadyAt > context.Now)
            {
                notBefore = wait.ReadyAt;
            }
        }

        var reason = restore ?? (have.HasSameData(want) ? $"TTL {have.Ttl}s → {want.Ttl}s ({source})" : $"live differs from {source}");
        steps.Add(new Draft(
            NewStep(desired, StepAction.Update, phase, ProviderRole.Dns, provider, Wrap(have, origin), Wrap(want, origin), reason, RiskOf(StepAction.Update, want, origin), notBefore: notBefore,
                purpose: restore is null ? null : PlanStep.Restore),
            order));
    }

    private static void DiffMail(DesiredDomain desired, LiveMailDomain? live, string provider, IReadOnlySet<MailResourceKind> managed, List<Draft> steps)
    {
        // Kinds the provider does not manage are out of the diff on both sides: neither created nor reported as drift.
        bool Managed(Resource r) => managed.Contains(MailResourceKinds.Of(r, desired.Domain));
        if (live is null && managed.Contains(MailResourceKind.Domain))
        {
            steps.Add(new Draft(
                NewStep(desired, StepAction.Create, Phase.Mailboxes, ProviderRole.Mail, provider, null, desired.MailDomain, $"mail for {desired.Domain} is not accepted by '{provider}' yet", Risk.Low),
                0));
        }

        var liveBoxes = (live?.Mailboxes ?? []).Where(Managed).ToDictionary(b => b.Address, StringComparer.Ordinal);
        foreach (var want in desired.Mailboxes.Where(Managed))
        {
            if (!liveBoxes.Remove(want.Address, out var have))
            {
                steps.Add(new Draft(NewStep(desired, StepAction.Create, Phase.Mailboxes, ProviderRole.Mail, provider, null, want, $"{want.State.ToString().ToLowerInvariant()} mailbox declared in the manifest", Risk.Low), 1));
            }
            else if (!have.SameAs(want))
            {
                var reason = have.State != want.State ? $"state {have.State.ToString().ToLowerInvariant()} → {want.State.ToString().ToLowerInvariant()}" : "declared in the manifest";
                steps.Add(new Draft(NewStep(desired, StepAction.Update, Phase.Mailboxes, ProviderRole.Mail, provider, have, want, reason, Risk.Medium), 1));
            }
        }

        foreach (var have in liveBoxes.Values)
        {
            var retention = desired.Manifest.Mail.Mailboxes.FirstOrDefault(b => $"{b.Local}@{desired.Domain}" == have.Address);
            var reason = retention?.RetainUntil is { } until ? $"offboarded and retained until {until:yyyy-MM-dd}" : "not declared in the manifest";
            steps.Add(new Draft(NewStep(desired, StepAction.Delete, Phase.Delete, ProviderRole.Mail, provider, have, null, reason, Risk.High), 20));
        }

        var liveRoutes = (live?.Routes ?? []).Where(Managed).ToDictionary(r => r.Address, StringComparer.Ordinal);
        foreach (var want in desired.Routes.Where(Managed))
        {
            if (!liveRoutes.Remove(want.Address, out var have))
            {
                steps.Add(new Draft(NewStep(desired, StepAction.Create, Phase.Routing, ProviderRole.Mail, provider, null, want, RouteReason(want), want.RouteKind == RouteKind.ExternalForward ? Risk.Medium : Risk.Low), 0));
            }
            else if (!have.SameAs(want))
            {
                steps.Add(new Draft(NewStep(desired, StepAction.Update, Phase.Routing, ProviderRole.Mail, provider, have, want, "live differs from the " + RouteReason(want).Replace(" declared in the manifest", " in the manifest", StringComparison.Ordinal), Risk.Medium), 0));
            }
        }

        foreach (var have in liveRoutes.Values)
        {
            var expired = desired.Manifest.Mail.Forwards.FirstOrDefault(f => $"{f.From}@{desired.Domain}" == have.Address && f.Expires is not null);
            var reason = expired is not null ? $"forward expired on {expired.Expires:yyyy-MM-dd}" : "not declared in the manifest";
            steps.Add(new Draft(NewStep(desired, StepAction.Delete, Phase.Delete, ProviderRole.Mail, provider, have, null, reason, Risk.Medium), 10));
        }
    }

    private static string RouteReason(RouteResource r) => r.RouteKind switch
    {
        RouteKind.Alias => "alias declared in the manifest",
        RouteKind.Forward => "forward declared in the manifest",
        RouteKind.ExternalForward => "external forward declared in the manifest",
        RouteKind.CatchAll => "catch-all declared in the manifest",
        _ => "declared in the manifest",
    };

    private static bool IsManaged(DnsName name, RecordType type, DesiredDomain desired, PlanningContext context)
    {
        if (type == RecordType.SOA || !context.ManagedTypes.Contains(type))
        {
            return false;
        }

        if (name == desired.Zone && type == RecordType.NS)
        {
            return false;
        }

        return !desired.IsUnmanaged(name);
    }

    private static (Phase Phase, int Order) PhaseOf(RecordSet set, DnsName zone)
    {
        if (set.Type == RecordType.MX)
        {
            return (Phase.SwitchMx, 0);
        }

        var relative = set.Name.RelativeTo(zone);
        if (set.Type == RecordType.TXT && relative == "_dmarc")
        {
            return (Phase.Dmarc, 0);
        }

        // Within Publish: DKIM keys first (so signatures verify as soon as signing starts), then SPF, then the rest.
        return IsDkim(set, zone) ? (Phase.Publish, 0) : IsSpf(set, zone) ? (Phase.Publish, 1) : (Phase.Publish, 2);
    }

    /// <summary>Deletions: routes (10) and mailboxes (20) are set by the mail diff; records go after them, MX first, DKIM last.</summary>
    private static int DeleteOrder(RecordSet set, DnsName zone) =>
        set.Type == RecordType.MX ? 30 : IsDkim(set, zone) ? 50 : 40;

    private static Risk RiskOf(StepAction action, RecordSet set, DnsName zone)
    {
        if (set.Type == RecordType.MX || set.Type == RecordType.NS || (set.Type == RecordType.TXT && set.Name.RelativeTo(zone) == "_dmarc"))
        {
            return action == StepAction.Create ? Risk.Medium : Risk.High;
        }

        if (IsDkim(set, zone) && action == StepAction.Delete)
        {
            return Risk.High;
        }

        return action == StepAction.Create ? Risk.Low : Risk.Medium;
    }

    public static bool IsDkim(RecordSet set, DnsName zone) =>
        set.Type == RecordType.TXT && set.Name.RelativeTo(zone).EndsWith("._domainkey", StringComparison.Ordinal);

    private static bool IsSpf(RecordSet set, DnsName zone) =>
        set.Type == RecordType.TXT && set.Name == zone && set.Records.OfType<TxtData>().Any(t => t.Value.StartsWith("v=spf1", StringComparison.OrdinalIgnoreCase));

    private static RecordSetResource Wrap(RecordSet set, DnsName zone) => new(set, zone);

    private static PlanStep NewStep(
        DesiredDomain desired,
        StepAction action,
        Phase phase,
        ProviderRole role,
        string provider,
        Resource? before,
        Resource? after,
        string reason,
        Risk risk,
        DateTimeOffset? notBefore = null,
        TimeSpan? waitAfterPrevious = null,
        string? purpose = null) =>
        new(0, desired.Domain, action, phase, role, provider, before, after, reason, risk, notBefore, waitAfterPrevious, null, purpose);
}

using Reconciler.Dns;
using Reconciler.Planning;
using Reconciler.Providers;

namespace Reconciler.Reconciling;

/// <summary>Reads a domain's live state from its DNS and mail providers.</summary>
public sealed class LiveReader(ProviderSet providers)
{
    public async Task<LiveDomain> ReadAsync(string domain, string? dnsProvider, string? mailProvider, CancellationToken ct)
    {
        var zoneTask = dnsProvider is null ? Task.FromResult<LiveZone?>(null) : providers.Dns(dnsProvider).ReadZoneAsync(DnsName.Parse(domain + "."), ct);
        var mailTask = mailProvider is null ? Task.FromResult<LiveMailDomain?>(null) : providers.Mail(mailProvider).ReadDomainAsync(domain, ct);
        return new LiveDomain(await zoneTask, await mailTask);
    }

    /// <summary>The live value of one resource, to check a step took effect.</summary>
    public async Task<Resource?> ReadResourceAsync(PlanStep step, CancellationToken ct)
    {
        var resource = step.Resource;
        switch (resource)
        {
            case ZoneResource z:
                return await providers.Dns(step.Provider).ReadZoneAsync(z.Origin, ct) is null ? null : z;
            case RecordSetResource r:
            {
                var zone = await providers.Dns(step.Provider).ReadZoneAsync(r.Zone, ct);
                var set = zone?.RecordSets.FirstOrDefault(s => s.Name == r.Set.Name && s.Type == r.Set.Type);
                return set is null ? null : new RecordSetResource(set, r.Zone);
            }

            case MailDomainResource m:
                return await providers.Mail(step.Provider).ReadDomainAsync(m.Domain, ct) is null ? null : m;
            default:
            {
                var mail = await providers.Mail(step.Provider).ReadDomainAsync(step.Domain, ct);
                return resource switch
                {
                    MailboxResource b => mail?.Mailboxes.FirstOrDefault(x => x.Address == b.Address),
                    RouteResource x => mail?.Routes.FirstOrDefault(y => y.Address == x.Address),
                    _ => throw new InvalidOperationException($"unknown resource kind {resource.Kind}"),
                };
            }
        }
    }
}

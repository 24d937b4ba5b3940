using Reconciler.Dns;
using Reconciler.Dns.Records;
using Reconciler.Providers;
using Reconciler.Schema.Model;
using Reconciler.Schema.Validation;
using Reconciler.Schema.Validation.Rules;

namespace Reconciler.Planning;

/// <summary>
/// Normalizes a manifest into <see cref="DesiredDomain"/>: names absolute and lower case, values parsed into their
/// canonical record data, TTL defaults applied, the mail section expanded into records, expired forwards and
/// mailboxes past retention dropped. Values that do not parse become DNS004 diagnostics, so `validate` catches them.
/// </summary>
public static class DesiredStateBuilder
{
    public static (DesiredDomain? Desired, IReadOnlyList<Diagnostic> Diagnostics) Build(DomainManifest manifest, DateOnly today)
    {
        var diagnostics = new List<Diagnostic>();
        DnsName zone;
        try
        {
            zone = DnsName.Parse(manifest.Domain + ".");
        }
        catch (DnsFormatException e)
        {
            diagnostics.Add(RuleCatalog.RecordValue.At(manifest.Position, $"domain '{manifest.Domain}': {e.Reason}"));
            return (null, diagnostics);
        }

        var sets = new Dictionary<(DnsName, RecordType), (uint? Ttl, List<RecordData> Data, string Origin)>();
        foreach (var spec in manifest.Dns.Records.Concat(MailDnsRecords.For(manifest)))
        {
            if (!TryParse(spec, zone, diagnostics, out var name, out var type, out var data))
            {
                continue;
            }

            var key = (name, type);
            if (!sets.TryGetValue(key, out var entry))
            {
                entry = (null, [], spec.Origin);
                sets[key] = entry;
            }

            entry.Data.AddRange(data);
            // An explicit TTL on any entry of the set wins over the default; dns.records entries win over generated ones.
            if (spec.Ttl is { } ttl && (entry.Ttl is null || spec.Origin == RecordSpec.FromDnsRecords))
            {
                entry.Ttl = (uint)ttl;
            }

            if (spec.Origin != RecordSpec.FromDnsRecords && entry.Origin == RecordSpec.FromDnsRecords)
            {
                entry.Origin = $"{RecordSpec.FromDnsRecords} + {spec.Origin}";
            }

            sets[key] = entry;
        }

        var recordSets = sets
            .Select(kv => new RecordSet(kv.Key.Item1, kv.Key.Item2, kv.Value.Ttl ?? (uint)manifest.Dns.Ttl, kv.Value.Data))
            .OrderBy(s => s.Name)
            .ThenBy(s => s.Type)
            .ToList();
        var origins = sets.ToDictionary(kv => kv.Key, kv => kv.Value.Origin);

        // A selector whose key the mail provider publishes is its business: leave the record alone.
        var unmanaged = manifest.Dns.Unmanaged
            .Concat(manifest.Mail.Dkim.Where(k => k.GeneratedByProvider).Select(k => $"{k.Selector}._domainkey"))
            .ToList();

        var mail = manifest.Mail;
        MailDomainResource? mailDomain = null;
        var mailboxes = new List<MailboxResource>();
        var routes = new List<RouteResource>();
        if (mail.Provider is not null && !mail.Parked)
        {
            mailDomain = new MailDomainResource(manifest.Domain);
            foreach (var m in mail.Mailboxes)
            {
                if (m.State == MailboxState.Offboarded && m.RetainUntil is { } until && until < today)
                {
                    continue; // retention is over: the plan deletes it
                }

                mailboxes.Add(new MailboxResource($"{m.Local}@{manifest.Domain}", m.State, m.Quota, m.Name));
            }

            foreach (var a in mail.Aliases)
            {
                routes.Add(new RouteResource($"{a.Local}@{manifest.Domain}", a.To.Select(t => t.Address), RouteKind.Alias));
            }

            foreach (var group in mail.Forwards.Where(f => f.Expires is null || f.Expires >= today).GroupBy(f => f.From))
            {
                var address = $"{group.Key}@{manifest.Domain}";
                var targets = group.Select(f => f.To.Address).ToList();
                if (group.Any(f => f.KeepCopy))
                {
                    targets.Add(address);
                }

                routes.Add(new RouteResource(address, targets, group.Any(f => f.External) ? RouteKind.ExternalForward : RouteKind.Forward));
            }

            if (mail.CatchAll.DeliverTo is { } catchAll)
            {
                routes.Add(new RouteResource($"@{manifest.Domain}", [$"{catchAll}@{manifest.Domain}"], RouteKind.CatchAll));
            }
        }

        return (new DesiredDomain(manifest, zone, recordSets, origins, unmanaged, mailDomain, mailboxes, routes), diagnostics);
    }

    private static bool TryParse(RecordSpec spec, DnsName zone, List<Diagnostic> diagnostics, out DnsName name, out RecordType type, out List<RecordData> data)
    {
        name = zone;
        type = default;
        data = [];
        try
        {
            name = DnsName.Parse(spec.Name, zone);
            type = RecordType.Parse(spec.Type);
            foreach (var value in spec.Values)
            {
                data.Add(type == RecordType.TXT ? TxtData.FromValue(value) : RecordData.Parse(type, value, zone));
            }

            return true;
        }
        catch (DnsFormatException e)
        {
            diagnostics.Add(RuleCatalog.RecordValue.At(spec.Position, $"{spec.Name} {spec.Type}: {e.Reason}"));
            return false;
        }
    }
}

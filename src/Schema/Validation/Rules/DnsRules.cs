using Reconciler.Schema.Loading;
using Reconciler.Schema.Model;

namespace Reconciler.Schema.Validation.Rules;

/// <summary>Zone-level sanity: CNAME placement, TTL range, names inside the zone, apex NS, unmanaged overlaps, mail conflicts.</summary>
public sealed class DnsRules : IManifestRule
{
    public const int MinTtl = 60;
    public const int MaxTtl = 604800;

    public IEnumerable<Diagnostic> Check(DomainManifest domain, RuleContext context)
    {
        var dns = domain.Dns;
        if (dns.Ttl is < MinTtl or > MaxTtl)
        {
            yield return RuleCatalog.TtlRange.At(dns.Position, $"default TTL {dns.Ttl} is outside {MinTtl}..{MaxTtl}");
        }

        var seen = new Dictionary<(string, string), RecordSpec>();
        foreach (var r in dns.Records)
        {
            var name = TemplateMerger.RelativeName(r.Name, domain.Domain);
            if (name.EndsWith('.'))
            {
                yield return RuleCatalog.NameOutsideZone.At(r.Position, $"record '{r.Name}' ({r.Type}) is not under {domain.Domain}");
                continue;
            }

            if (r.Ttl is { } ttl && ttl is < MinTtl or > MaxTtl)
            {
                yield return RuleCatalog.TtlRange.At(r.Position, $"TTL {ttl} of {Show(name)} {r.Type} is outside {MinTtl}..{MaxTtl}");
            }

            if (name == "@" && r.Type == "CNAME")
            {
                yield return RuleCatalog.ApexCname.At(r.Position, $"CNAME at the apex of {domain.Domain}");
            }

            if (name == "@" && r.Type == "NS")
            {
                yield return RuleCatalog.ApexNs.At(r.Position, $"apex NS records of {domain.Domain} are not managed by Reconciler");
            }

            if (!seen.TryAdd((name, r.Type), r))
            {
                yield return RuleCatalog.DuplicateRecordSet.At(r.Position, $"{Show(name)} {r.Type} is declared again (first at line {seen[(name, r.Type)].Position.Line})");
            }

            foreach (var pattern in dns.Unmanaged)
            {
                if (NamePattern.Matches(pattern, name))
                {
                    yield return RuleCatalog.UnmanagedOverlap.At(r.Position, $"{Show(name)} {r.Type} is managed but matches unmanaged pattern '{pattern}'");
                }
            }
        }

        var generated = MailDnsRecords.For(domain);
        foreach (var r in dns.Records)
        {
            var name = TemplateMerger.RelativeName(r.Name, domain.Domain);
            var g = generated.FirstOrDefault(x => x.Name == name && x.Type == r.Type);
            if (g is null)
            {
                continue;
            }

            var conflict = !(name == "@" && r.Type == "TXT") || r.Values.Any(v => v.StartsWith(MailDnsRecords.SpfPrefix, StringComparison.OrdinalIgnoreCase));
            if (conflict)
            {
                yield return RuleCatalog.GeneratedRecordConflict.At(r.Position, $"{Show(name)} {r.Type} is generated from {g.Origin} (line {g.Position.Line}) and also declared in dns.records");
            }
        }

        foreach (var group in dns.Records.Concat(generated)
                     .GroupBy(r => TemplateMerger.RelativeName(r.Name, domain.Domain))
                     .Where(g => g.Key != "@" && g.Any(r => r.Type == "CNAME") && g.Count() > 1))
        {
            var cname = group.First(r => r.Type == "CNAME");
            var others = string.Join(", ", group.Where(r => r != cname).Select(r => r.Type).Distinct());
            yield return RuleCatalog.CnameBesideData.At(cname.Position, $"{group.Key} has a CNAME and also {others}");
        }
    }

    private static string Show(string relativeName) => relativeName;
}

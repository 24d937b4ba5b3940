using System.Globalization;
using System.Text;
using Reconciler.Dns;
using Reconciler.Dns.Records;
using Reconciler.Providers;
using Reconciler.Schema.Model;

namespace Reconciler.Importing;

/// <summary>
/// Writes a domain manifest from live state, so an existing domain is onboarded without typing its records. The
/// output plans to no changes against the state it was read from; what it cannot know (owners, forward reasons and
/// expiries) is left for a person, and `validate` says so.
/// </summary>
public static class ManifestImporter
{
    /// <param name="managedTypes">
    /// Record types the DNS provider manages (what a manifest can hold). Other sets (an unknown type read by AXFR,
    /// say) are listed as comments: the planner leaves them alone, and a manifest would not validate with them.
    /// </param>
    public static string Write(string domain, string? dnsProvider, LiveZone? zone, string? mailProvider, LiveMailDomain? mail, DateOnly today, string schemaPath, IReadOnlySet<RecordType>? managedTypes = null)
    {
        var sb = new StringBuilder();
        sb.Append("# yaml-language-server: $schema=").Append(schemaPath).Append('\n');
        sb.Append("# Imported from live state on ").Append(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            .Append(". Review it, fill in owners, then commit.\n");
        sb.Append("domain: ").Append(domain).Append('\n');
        // A domain with mailboxes gets its MX as mail.mx, where validate expects it (MAIL019), when mail.mx writes
        // the same record: at the zone's default TTL, and not a null MX.
        RecordSet? mx = null;
        if (zone is not null)
        {
            var managed = ManagedSets(zone, managedTypes);
            var ttl = DefaultTtl(managed);
            mx = mail is null ? null : MailMx(zone, ttl);
            WriteDns(sb, dnsProvider!, zone, managed, ttl, mx);
        }

        sb.Append("mail:\n");
        if (mail is null)
        {
            sb.Append("  provider: ").Append(mailProvider is null ? ManifestBinderNone : mailProvider).Append('\n');
            return sb.ToString();
        }

        WriteMail(sb, mailProvider!, mail, mx);
        return sb.ToString();
    }

    /// <summary>The zone's sets a manifest could name: all but the SOA and the apex NS, which belong to the DNS host.</summary>
    private static IEnumerable<RecordSet> ZoneSets(LiveZone zone) =>
        zone.RecordSets.Where(s => s.Type != RecordType.SOA && !(s.Name == zone.Origin && s.Type == RecordType.NS));

    private static IReadOnlyList<RecordSet> ManagedSets(LiveZone zone, IReadOnlySet<RecordType>? managedTypes) =>
        ZoneSets(zone).Where(s => managedTypes is null || managedTypes.Contains(s.Type)).ToList();

    /// <summary>The TTL most sets have: written once as dns.ttl, and per record only where a set differs.</summary>
    private static uint DefaultTtl(IReadOnlyList<RecordSet> sets) =>
        sets.Count == 0 ? 3600u : sets.GroupBy(s => s.Ttl).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;

    private static RecordSet? MailMx(LiveZone zone, uint defaultTtl) =>
        zone.RecordSets.FirstOrDefault(s => s.Name == zone.Origin && s.Type == RecordType.MX) is { } set
        && set.Ttl == defaultTtl
        && set.Records.OfType<MxData>().All(m => m.Exchange.LabelCount >= 2)
            ? set
            : null;

    private const string ManifestBinderNone = Schema.Loading.ManifestBinder.NoMailProvider;

    private static void WriteDns(StringBuilder sb, string provider, LiveZone zone, IReadOnlyList<RecordSet> managed, uint ttl, RecordSet? mailMx)
    {
        var unmanaged = ZoneSets(zone).Except(managed).ToList();
        var sets = managed.Where(s => !ReferenceEquals(s, mailMx)).ToList();
        sb.Append("dns:\n");
        sb.Append("  provider: ").Append(provider).Append('\n');
        sb.Append("  ttl: ").Append(ttl.ToString(CultureInfo.InvariantCulture)).Append('\n');
        sb.Append("  records:\n");
        foreach (var s in sets)
        {
            var name = s.Name == zone.Origin ? "@" : s.Name.RelativeTo(zone.Origin);
            var values = s.Records.Select(r => Quote(r is TxtData t ? t.Value : r.ToPresentation())).ToList();
            sb.Append("    - { name: ").Append(Quote(name)).Append(", type: ").Append(s.Type);
            sb.Append(values.Count == 1 ? ", value: " + values[0] : ", values: [" + string.Join(", ", values) + "]");
            if (s.Ttl != ttl)
            {
                sb.Append(", ttl: ").Append(s.Ttl.ToString(CultureInfo.InvariantCulture));
            }

            sb.Append(" }");
            if (s.Records.OfType<TxtData>().Any(t => !IsUtf8(t)))
            {
                // YAML text cannot carry arbitrary octets: the next plan shows the difference, so say why here.
                sb.Append("  # the live value is not valid UTF-8; a manifest cannot hold it exactly, and plan will rewrite it");
            }

            sb.Append('\n');
        }

        if (unmanaged.Count > 0)
        {
            // Not silently dropped: whoever reviews the import sees what stays on the server untouched.
            sb.Append("  # Not managed by this provider, left on the server as they are:\n");
            foreach (var s in unmanaged)
            {
                foreach (var r in s.Records)
                {
                    sb.Append("  #   ").Append(s.Name == zone.Origin ? "@" : s.Name.RelativeTo(zone.Origin)).Append(' ').Append(s.Ttl.ToString(CultureInfo.InvariantCulture))
                        .Append(' ').Append(s.Type).Append(' ').Append(r.ToPresentation().Replace('\n', ' ')).Append('\n');
                }
            }
        }
    }

    private static bool IsUtf8(TxtData t) => Encoding.UTF8.GetBytes(t.Value).AsSpan().SequenceEqual(t.JoinedOctets.Span);

    private static void WriteMail(StringBuilder sb, string provider, LiveMailDomain mail, RecordSet? mx)
    {
        sb.Append("  provider: ").Append(provider).Append('\n');
        if (mx is not null)
        {
            sb.Append("  mx:\n");
            foreach (var m in mx.Records.OfType<MxData>().OrderBy(m => m.Preference))
            {
                sb.Append("    - { host: ").Append(Quote(m.Exchange.ToString().TrimEnd('.'))).Append(", preference: ")
                    .Append(m.Preference.ToString(CultureInfo.InvariantCulture)).Append(" }\n");
            }
        }

        var suffix = "@" + mail.Domain;
        if (mail.Mailboxes.Count > 0)
        {
            sb.Append("  mailboxes:\n");
            foreach (var m in mail.Mailboxes.OrderBy(m => m.Address, StringComparer.Ordinal))
            {
                sb.Append("    - { local: ").Append(Quote(Local(m.Address))).Append(", kind: human, owner: ").Append(Quote(m.Address));
                if (m.State != MailboxState.Active)
                {
                    sb.Append(", state: ").Append(m.State.ToString().ToLowerInvariant());
                }

                if (m.Quota is not null)
                {
                    sb.Append(", quota: ").Append(m.Quota);
                }

                if (m.DisplayName is not null)
                {
                    sb.Append(", name: ").Append(Quote(m.DisplayName));
                }

                sb.Append(" }  # owner and kind unknown: set who answers for it\n");
            }
        }

        var routes = mail.Routes.Where(r => !r.IsCatchAll).OrderBy(r => r.Address, StringComparer.Ordinal).ToList();
        var internalRoutes = routes.Where(r => r.Targets.All(t => t.EndsWith(suffix, StringComparison.Ordinal))).ToList();
        var externalRoutes = routes.Except(internalRoutes).ToList();
        if (internalRoutes.Count > 0)
        {
            sb.Append("  aliases:\n");
            foreach (var r in internalRoutes)
            {
                sb.Append("    - { local: ").Append(Quote(Local(r.Address))).Append(", to: [")
                    .Append(string.Join(", ", r.Targets.Select(t => Quote(Local(t))))).Append("] }\n");
            }
        }

        if (externalRoutes.Count > 0)
        {
            // Mail leaving the portfolio: imported as forwards without reason or expiry, so `validate` asks for them.
            sb.Append("  forwards:\n");
            foreach (var r in externalRoutes)
            {
                foreach (var t in r.Targets.Where(t => t != r.Address))
                {
                    sb.Append("    - { from: ").Append(Quote(Local(r.Address))).Append(", to: ").Append(Quote(t));
                    if (r.Targets.Contains(r.Address))
                    {
                        sb.Append(", keepCopy: true");
                    }

                    sb.Append(" }\n");
                }
            }
        }

        if (mail.Routes.FirstOrDefault(r => r.IsCatchAll) is { } catchAll && catchAll.Targets.Count == 1 && catchAll.Targets[0].EndsWith(suffix, StringComparison.Ordinal))
        {
            sb.Append("  catchAll: { deliverTo: ").Append(Quote(Local(catchAll.Targets[0]))).Append(" }\n");
        }
    }

    private static string Local(string address) => address[..address.LastIndexOf('@')];

    /// <summary>A YAML double-quoted scalar: safe for every value a record can hold.</summary>
    private static string Quote(string value)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    sb.Append("\\\"");
                    break;
                case '\\':
                    sb.Append("\\\\");
                    break;
                case < ' ':
                    sb.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }

        return sb.Append('"').ToString();
    }
}

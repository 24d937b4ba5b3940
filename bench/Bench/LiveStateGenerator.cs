using System.Text;
using Reconciler.Dns;
using Reconciler.Dns.Records;
using Reconciler.Dns.ZoneFiles;
using Reconciler.Planning;
using Reconciler.Schema;
using Reconciler.Schema.Validation;

namespace Reconciler.Bench;

/// <summary>
/// Writes the embedded providers' live state for a generated portfolio, already in sync with it: zone files through
/// the zone-file writer, mail maps in the postfix-dovecot provider's file format.
/// </summary>
public static class LiveStateGenerator
{
    public static async Task WriteAsync(string root)
    {
        var loaded = await new PortfolioLoader(ManifestSchema.LoadEmbedded()).LoadAsync(root, CancellationToken.None);
        if (loaded.HasErrors)
        {
            throw new InvalidOperationException("generated portfolio is invalid: " + loaded.Diagnostics.First(d => d.IsError));
        }

        var zones = Path.Combine(root, "state", "zones");
        var mail = Path.Combine(root, "state", "mail");
        Directory.CreateDirectory(zones);
        Directory.CreateDirectory(mail);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var domains = new StringBuilder();
        var mailboxes = new StringBuilder();
        var aliases = new StringBuilder();
        var passwd = new StringBuilder();
        var ns = new[] { DnsName.Parse("ns1.agency-dns.example."), DnsName.Parse("ns2.agency-dns.example.") };
        foreach (var manifest in loaded.Portfolio!.Domains)
        {
            var (desired, _) = DesiredStateBuilder.Build(manifest, today);
            var origin = desired!.Zone;
            var soa = new ResourceRecord(origin, RecordType.SOA, 3600, new SoaData(ns[0], DnsName.Parse("hostmaster", origin), 2026010101, 3600, 600, 1209600, 300));
            var records = desired.RecordSets.SelectMany(s => s.ToRecords())
                .Concat(ns.Select(n => new ResourceRecord(origin, RecordType.NS, 3600, new NsData(n))));
            await ZoneFileWriter.WriteFileAsync(Path.Combine(zones, manifest.Domain + ".zone"), new Zone(soa, records), CancellationToken.None);

            domains.Append(manifest.Domain).Append(" OK\n");
            foreach (var m in desired.Mailboxes)
            {
                var local = m.Address[..m.Address.IndexOf('@')];
                mailboxes.Append(m.Address).Append(' ').Append(manifest.Domain).Append('/').Append(local).Append("/\n");
                passwd.Append(m.Address).Append(":{CRYPT}!:::").Append(m.DisplayName).Append(":::")
                    .Append(m.Quota is null ? "" : $"userdb_quota_rule=*:storage={m.Quota}").Append('\n');
            }

            foreach (var r in desired.Routes)
            {
                aliases.Append(r.Address).Append(' ').Append(string.Join(", ", r.Targets)).Append('\n');
            }
        }

        await File.WriteAllTextAsync(Path.Combine(mail, "virtual_domains"), domains.ToString());
        await File.WriteAllTextAsync(Path.Combine(mail, "virtual_mailboxes"), mailboxes.ToString());
        await File.WriteAllTextAsync(Path.Combine(mail, "virtual_aliases"), aliases.ToString());
        await File.WriteAllTextAsync(Path.Combine(mail, "passwd"), passwd.ToString());
    }
}

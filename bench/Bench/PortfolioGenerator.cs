using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Reconciler.Bench;

/// <summary>
/// Writes a realistic portfolio of N domains: a shared template, about 20 record sets and 10 mailboxes per domain.
/// Deterministic for a given N, so figures compare across runs.
/// </summary>
public static class PortfolioGenerator
{
    public static string DomainName(int i) => $"client{i:D5}.example";

    public static void Write(string root, int domains)
    {
        Directory.CreateDirectory(Path.Combine(root, "domains"));
        Directory.CreateDirectory(Path.Combine(root, "templates"));
        File.WriteAllText(Path.Combine(root, "reconciler.yaml"), """
            providers:
              zones: { kind: zonefile, settings: { directory: state/zones, nameServers: [ns1.agency-dns.example., ns2.agency-dns.example.] } }
              mailhost: { kind: postfix-dovecot, settings: { directory: state/mail }, parallelism: 8 }
            defaults: { dnsProvider: zones, mailProvider: mailhost, ttl: 3600 }
            safety: { maxZoneChangeShare: 0.3 }
            """);
        File.WriteAllText(Path.Combine(root, "templates", "baseline.yaml"), """
            dns:
              ttl: 3600
              unmanaged: [_acme-challenge*]
            mail:
              mx:
                - { host: mx1.agency-mail.example, preference: 10 }
                - { host: mx2.agency-mail.example, preference: 20 }
              spf: { mx: true, include: [_spf.agency-mail.example], all: softfail }
              tlsRpt: { rua: [mailto:tls@agency.example] }
              aliases:
                - { local: postmaster, to: [ops@agency.example] }
              admins:
                - { who: ops@agency.example, role: owner }
            """);
        using var rsa = RSA.Create(2048);
        var key = Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo());
        for (var i = 0; i < domains; i++)
        {
            var name = DomainName(i);
            File.WriteAllText(Path.Combine(root, "domains", name + ".yaml"), Domain(i, name, key, 0));
        }
    }

    /// <summary>A domain's manifest; <paramref name="revision"/> changes the web server address (one record).</summary>
    public static string Domain(int i, string name, string dkimKey, int revision)
    {
        var a = (i % 250) + 1;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"""
            domain: {name}
            use: [baseline]
            owners:
              registrar: {'{'} who: owner@{name}, vendor: Example Registrar, account: R-{i:D5} {'}'}
            dns:
              records:
                - {'{'} name: "@", type: A, value: 192.0.2.{(a + revision) % 250 + 1} {'}'}
                - {'{'} name: "@", type: AAAA, value: "2001:db8::{a:x}" {'}'}
                - {'{'} name: www, type: CNAME, value: "@" {'}'}
                - {'{'} name: shop, type: A, values: [198.51.100.{a}, 198.51.100.{(a % 250) + 2}] {'}'}
                - {'{'} name: api, type: A, value: 203.0.113.{a} {'}'}
                - {'{'} name: blog, type: AAAA, value: "2001:db8:1::{a:x}" {'}'}
                - {'{'} name: docs, type: CNAME, value: docs.host.example. {'}'}
                - {'{'} name: mta-sts, type: CNAME, value: mta-sts.agency-mail.example. {'}'}
                - {'{'} name: "@", type: CAA, value: '0 issue "letsencrypt.org"' {'}'}
                - {'{'} name: "@", type: TXT, value: "site-verification={i:x8}" {'}'}
                - {'{'} name: _sip._tcp, type: SRV, value: "10 5 5060 sip.host.example." {'}'}
                - {'{'} name: _25._tcp.mx, type: TLSA, value: "3 1 1 {Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(name)))}" {'}'}
            mail:
              dkim:
                - {'{'} selector: s1, publicKey: "{dkimKey}" {'}'}
              dmarc: {'{'} p: none, rua: [mailto:dmarc@agency.example] {'}'}
              mailboxes:

            """);
        foreach (var local in new[] { "alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "info", "office" })
        {
            var kind = local is "info" or "office" ? "role" : "human";
            sb.Append(CultureInfo.InvariantCulture, $"    - {{ local: {local}, kind: {kind}, owner: alice@{name}, quota: 5G }}\n");
        }

        sb.Append("  aliases:\n    - { local: sales, to: [alice, bob] }\n    - { local: hello, to: [info] }\n");
        return sb.ToString();
    }
}

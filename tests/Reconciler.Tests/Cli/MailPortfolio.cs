using Reconciler.Tests.Common;

namespace Reconciler.Tests.Cli;

/// <summary>
/// A portfolio on both embedded providers (zone files and Postfix/Dovecot maps), for the CLI tests that need mail
/// resources: mailbox deletion, routes after a cutover, imports from the mail provider.
/// </summary>
public static class MailPortfolio
{
    public const string Config = """
        providers:
          zones: { kind: zonefile, settings: { directory: state/zones, nameServers: [ns1.host.example.] } }
          mailhost: { kind: postfix-dovecot, settings: { directory: state/mail } }
        defaults: { dnsProvider: zones, mailProvider: mailhost }
        """;

    /// <summary>The mail keys that produce DNS records (kept apart so a test can splice an imported mail section).</summary>
    public const string MailDns = """
          mx: [{ host: mx1.host.example }]
          spf: { mx: true, all: fail }
          dmarc: { p: none, rua: ["mailto:dmarc@shop.example"] }

        """;

    public const string Dns = """
        dns:
          records:
            - { name: "@", type: A, value: 192.0.2.10 }
            - { name: www, type: CNAME, value: "@" }
            - { name: api, type: A, value: 192.0.2.20 }
            - { name: cdn, type: A, value: 192.0.2.30 }

        """;

    public const string Mail = """
          mailboxes:
            - { local: alice, kind: human, owner: alice@shop.example }
            - { local: bob, kind: human, owner: bob@shop.example }
          aliases: [{ local: sales, to: [alice, bob] }]
          catchAll: { deliverTo: alice }

        """;

    public static string Domain(string mail = Mail, string dns = Dns, string mailDns = MailDns) =>
        "domain: shop.example\n" + dns + "mail:\n" + mailDns + mail;

    /// <summary>Steps of the first apply on empty state: zone, mail domain, 2 mailboxes, 7 record sets (DMARC included), 2 routes.</summary>
    public const int FirstApplySteps = 13;

    public static TempPortfolio New(string? domain = null)
    {
        var p = TempPortfolio.Empty();
        p.Write("reconciler.yaml", Config);
        p.Write("domains/shop.example.yaml", domain ?? Domain());
        return p;
    }

    public static string ZoneFile(TempPortfolio p) => Path.Combine(p.Path, "state", "zones", "shop.example.zone");

    public static string MapFile(TempPortfolio p, string name) => Path.Combine(p.Path, "state", "mail", name);

    /// <summary>Every file of the live state, byte for byte, by relative path: "nothing changed" is checked on this.</summary>
    public static Dictionary<string, byte[]> Snapshot(TempPortfolio p)
    {
        var root = Path.Combine(p.Path, "state");
        return Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f), File.ReadAllBytes);
    }

    public static void ShouldBeUnchanged(this Dictionary<string, byte[]> after, Dictionary<string, byte[]> before, string because)
    {
        after.Keys.Should().BeEquivalentTo(before.Keys, because);
        foreach (var (file, bytes) in before)
        {
            after[file].Should().Equal(bytes, $"{file}: {because}");
        }
    }
}

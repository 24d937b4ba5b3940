using System.Globalization;
using Reconciler.Schema.Model;

namespace Reconciler.Schema.Loading;

/// <summary>
/// Turns schema-valid nodes into the model. It trusts the schema for shapes and applies the portfolio's defaults;
/// anything the schema cannot say (cross references, policy) is checked afterwards by the manifest rules.
/// </summary>
public static class ManifestBinder
{
    /// <summary>Provider name that says "mail is hosted elsewhere; manage only its DNS".</summary>
    public const string NoMailProvider = "none";

    public static DomainManifest BindDomain(MapNode node, string file, PortfolioConfig config, IReadOnlySet<string> portfolioDomains)
    {
        var domain = DomainNames.ToAscii(Str(node, "domain")!);
        var dnsNode = node["dns"] as MapNode;
        var mailNode = node["mail"] as MapNode;
        return new DomainManifest(
            domain,
            file,
            node.Position,
            Strings(node["use"]),
            BindOwners(node["owners"] as MapNode),
            BindDns(dnsNode, config),
            BindMail(mailNode, domain, config, portfolioDomains),
            BindPolicy(node["policy"] as MapNode));
    }

    public static PortfolioConfig BindConfig(MapNode node, string directory, string file)
    {
        var providers = new Dictionary<string, ProviderConfig>(StringComparer.Ordinal);
        if (node["providers"] is MapNode p)
        {
            foreach (var e in p.Entries)
            {
                if (e.Value is MapNode m)
                {
                    providers[e.Key] = new ProviderConfig(
                        e.Key,
                        Str(m, "kind") ?? "",
                        m["settings"] as MapNode ?? new MapNode([], m.Position),
                        Int(m, "parallelism") ?? 4,
                        e.KeyPosition);
                }
            }
        }

        var defaults = node["defaults"] as MapNode;
        var safety = node["safety"] as MapNode;
        var daemon = node["daemon"] as MapNode;
        var d = DaemonSettings.Default;
        return new PortfolioConfig(
            directory,
            file,
            providers,
            Str(defaults, "dnsProvider"),
            Str(defaults, "mailProvider"),
            Int(defaults, "ttl") ?? 3600,
            new SafetyLimits(
                Number(safety, "maxZoneChangeShare") ?? SafetyLimits.Default.MaxZoneChangeShare,
                Bool(safety, "allowMailboxDeletion") ?? SafetyLimits.Default.AllowMailboxDeletion,
                Int(safety, "retireDkimAfterDays") ?? SafetyLimits.Default.RetireDkimAfterDays,
                Int(safety, "cutoverTtl") is { } cutoverTtl ? (uint)cutoverTtl : SafetyLimits.Default.CutoverTtl),
            new DaemonSettings(
                Str(daemon, "repository"),
                Str(daemon, "branch") ?? d.Branch,
                Str(daemon, "credentials"),
                Duration(Str(daemon, "pollInterval")) ?? d.PollInterval,
                Duration(Str(daemon, "driftInterval")) ?? d.DriftInterval,
                Str(daemon, "listen") ?? d.Listen,
                Str(daemon, "statusToken"),
                Str(daemon, "webhookSecret"),
                Str(daemon, "alertWebhook"),
                Str(daemon, "author") ?? d.Author));
    }

    /// <summary>Parses durations written as <c>30s</c>, <c>5m</c>, <c>1h</c>.</summary>
    public static TimeSpan? Duration(string? text)
    {
        if (string.IsNullOrEmpty(text) || !long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return null;
        }

        return text[^1] switch
        {
            's' => TimeSpan.FromSeconds(n),
            'm' => TimeSpan.FromMinutes(n),
            'h' => TimeSpan.FromHours(n),
            _ => null,
        };
    }

    private static Owners BindOwners(MapNode? node) =>
        node is null
            ? Owners.None
            : new Owners(Contact(node["registrar"]), Contact(node["dnsAccess"]), Contact(node["billing"]), Contact(node["technical"]));

    private static Contact? Contact(Node? node) =>
        node is MapNode m
            ? new Contact(Str(m, "who") ?? "", Str(m, "account"), Str(m, "vendor"), Str(m, "recovery"), Bool(m, "mfa"), Str(m, "notes"))
            : null;

    private static DnsSettings BindDns(MapNode? node, PortfolioConfig config)
    {
        var records = new List<RecordSpec>();
        if (node?["records"] is ListNode list)
        {
            foreach (var item in list.Items.OfType<MapNode>())
            {
                var values = item["values"] is ListNode v ? Strings(v) : [Str(item, "value") ?? ""];
                records.Add(new RecordSpec(
                    Str(item, "name")!,
                    Str(item, "type")!,
                    Int(item, "ttl"),
                    values,
                    RecordSpec.FromDnsRecords,
                    item.Position,
                    Str(item, "comment")));
            }
        }

        return new DnsSettings(
            Str(node, "provider") ?? config.DefaultDnsProvider,
            Int(node, "ttl") ?? config.DefaultTtl,
            records,
            Strings(node?["unmanaged"]),
            node?.Position ?? SourcePosition.None);
    }

    private static MailSettings BindMail(MapNode? node, string domain, PortfolioConfig config, IReadOnlySet<string> portfolioDomains)
    {
        var parked = Bool(node, "parked") ?? false;
        var provider = Str(node, "provider") ?? (parked ? null : config.DefaultMailProvider);
        if (provider == NoMailProvider)
        {
            provider = null;
        }

        if (node is null)
        {
            return MailSettings.Empty(provider);
        }

        return new MailSettings(
            provider,
            parked,
            Maps(node["mx"]).Select(m => new MxHost(Str(m, "host")!, Int(m, "preference") ?? 10, m.Position)).ToList(),
            node["spf"] is MapNode spf ? BindSpf(spf) : null,
            Maps(node["dkim"]).Select(BindDkim).ToList(),
            node["dmarc"] is MapNode dmarc ? BindDmarc(dmarc) : null,
            node["mtaSts"] is MapNode sts
                ? new MtaStsPolicy(Str(sts, "mode")!, Strings(sts["mx"]), Int(sts, "maxAge") ?? 604800, Str(sts, "id")!, sts.Position)
                : null,
            node["tlsRpt"] is MapNode rpt ? new TlsRptPolicy(Strings(rpt["rua"]), rpt.Position) : null,
            node["catchAll"] switch
            {
                MapNode c => new CatchAll(Str(c, "deliverTo"), c.Position),
                { } n => new CatchAll(null, n.Position),
                null => CatchAll.Reject,
            },
            Maps(node["mailboxes"]).Select(BindMailbox).ToList(),
            Maps(node["aliases"]).Select(a => new Alias(
                Str(a, "local")!,
                (a["to"] as ListNode)?.Items.OfType<StringNode>().Select(t => Target(t, domain)).ToList() ?? [],
                a.Position)).ToList(),
            Maps(node["forwards"]).Select(f => BindForward(f, domain, portfolioDomains)).ToList(),
            Maps(node["admins"]).Select(a => new AdminRole(Str(a, "who")!, Role(Str(a, "role")), a.Position)).ToList(),
            node.Position);
    }

    private static SpfPolicy BindSpf(MapNode n) => new(
        Bool(n, "mx") ?? false,
        Bool(n, "a") ?? false,
        Strings(n["include"]),
        Strings(n["ip4"]),
        Strings(n["ip6"]),
        Strings(n["exists"]),
        Str(n, "redirect"),
        Str(n, "all") switch
        {
            "fail" => SpfAll.Fail,
            "neutral" => SpfAll.Neutral,
            "pass" => SpfAll.Pass,
            _ => SpfAll.SoftFail,
        },
        n.Position);

    private static DkimSelector BindDkim(MapNode n) => new(
        Str(n, "selector")!.ToLowerInvariant(),
        Str(n, "type") == "ed25519" ? DkimKeyType.Ed25519 : DkimKeyType.Rsa,
        Str(n, "publicKey") is { } key ? string.Concat(key.Where(c => !char.IsWhiteSpace(c))) : null,
        Str(n, "generatedBy") == "provider",
        Str(n, "state") == "retiring" ? DkimState.Retiring : DkimState.Active,
        Bool(n, "testing") ?? false,
        n.Position,
        Date(Str(n, "retiringSince")));

    private static DmarcPolicy BindDmarc(MapNode n) => new(
        Disposition(Str(n, "p")) ?? DmarcDisposition.None,
        Disposition(Str(n, "sp")),
        Int(n, "pct"),
        Strings(n["rua"]),
        Strings(n["ruf"]),
        Str(n, "adkim"),
        Str(n, "aspf"),
        Str(n, "fo"),
        Int(n, "ri"),
        Date(Str(n, "alignmentVerified")),
        n.Position);

    private static Mailbox BindMailbox(MapNode n) => new(
        Str(n, "local")!,
        Str(n, "kind") switch
        {
            "role" => MailboxKind.Role,
            "shared" => MailboxKind.Shared,
            _ => MailboxKind.Human,
        },
        Str(n, "owner") ?? "",
        Str(n, "name"),
        Str(n, "recovery"),
        Str(n, "quota"),
        Str(n, "state") switch
        {
            "invited" => MailboxState.Invited,
            "suspended" => MailboxState.Suspended,
            "offboarded" => MailboxState.Offboarded,
            _ => MailboxState.Active,
        },
        Date(Str(n, "retainUntil")),
        n.Position);

    private static Forward BindForward(MapNode n, string domain, IReadOnlySet<string> portfolioDomains)
    {
        var to = n["to"] is StringNode s ? Target(s, domain) : new AddressTarget("", "", n.Position);
        return new Forward(
            Str(n, "from")!,
            to,
            Bool(n, "keepCopy") ?? false,
            !portfolioDomains.Contains(to.Domain),
            Str(n, "reason"),
            Str(n, "approvedBy"),
            Date(Str(n, "expires")),
            n.Position);
    }

    private static AddressTarget Target(StringNode written, string domain)
    {
        var value = written.Value.Trim();
        var at = value.LastIndexOf('@');
        var address = at < 0
            ? $"{value.ToLowerInvariant()}@{domain}"
            : value[..at] + "@" + DomainNames.ToAscii(value[(at + 1)..]);
        return new AddressTarget(written.Value, address, written.Position);
    }

    private static AdminRoleKind Role(string? role) => role switch
    {
        "dns" => AdminRoleKind.Dns,
        "mailbox-reset" => AdminRoleKind.MailboxReset,
        "billing" => AdminRoleKind.Billing,
        _ => AdminRoleKind.Owner,
    };

    private static DomainPolicy BindPolicy(MapNode? n)
    {
        if (n is null)
        {
            return DomainPolicy.Default;
        }

        ChangeWindow? window = null;
        if (n["changeWindow"] is MapNode w && Str(w, "hours") is { Length: 11 } hours)
        {
            window = new ChangeWindow(
                Strings(w["days"]).Select(Day).ToList(),
                TimeOnly.ParseExact(hours[..5], "HH:mm", CultureInfo.InvariantCulture),
                hours[6..] == "24:00" ? TimeOnly.MaxValue : TimeOnly.ParseExact(hours[6..], "HH:mm", CultureInfo.InvariantCulture),
                Str(w, "timeZone") ?? "UTC");
        }

        return new DomainPolicy(
            Str(n, "onDrift") switch
            {
                "revert" => DriftAction.Revert,
                "adopt" => DriftAction.Adopt,
                _ => DriftAction.Report,
            },
            window,
            Bool(n, "cutoverWaitsForTtl") ?? true);
    }

    private static DayOfWeek Day(string d) => d switch
    {
        "mon" => DayOfWeek.Monday,
        "tue" => DayOfWeek.Tuesday,
        "wed" => DayOfWeek.Wednesday,
        "thu" => DayOfWeek.Thursday,
        "fri" => DayOfWeek.Friday,
        "sat" => DayOfWeek.Saturday,
        _ => DayOfWeek.Sunday,
    };

    private static DmarcDisposition? Disposition(string? p) => p switch
    {
        "none" => DmarcDisposition.None,
        "quarantine" => DmarcDisposition.Quarantine,
        "reject" => DmarcDisposition.Reject,
        _ => null,
    };

    private static DateOnly? Date(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private static IEnumerable<MapNode> Maps(Node? node) => node is ListNode l ? l.Items.OfType<MapNode>() : [];

    private static List<string> Strings(Node? node) =>
        node is ListNode l ? l.Items.OfType<StringNode>().Select(s => s.Value).ToList() : [];

    private static string? Str(MapNode? map, string key) => map?[key] is StringNode s ? s.Value : null;

    private static int? Int(MapNode? map, string key) => map?[key] is NumberNode n && n.TryGetInt64(out var v) ? (int)v : null;

    private static double? Number(MapNode? map, string key) => map?[key] is NumberNode n ? n.Double : null;

    private static bool? Bool(MapNode? map, string key) => map?[key] is BooleanNode b ? b.Value : null;
}

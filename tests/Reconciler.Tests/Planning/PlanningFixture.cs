using Reconciler.Dns;
using Reconciler.Dns.ZoneFiles;
using Reconciler.Planning;
using Reconciler.Providers;
using Reconciler.Schema;
using Reconciler.Schema.Model;
using Reconciler.Schema.Validation;
using Reconciler.Tests.Common;

namespace Reconciler.Tests.Planning;

/// <summary>Builds desired state from YAML (through the real loader) and live state from zone-file text.</summary>
public static class PlanningFixture
{
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<ManifestSchema> Schema = new(ManifestSchema.LoadEmbedded);

    public const string Config = """
        providers:
          zones: { kind: zonefile, settings: { directory: z } }
          mailhost: { kind: postfix-dovecot, settings: { directory: m } }
        defaults: { dnsProvider: zones, mailProvider: mailhost, ttl: 3600 }
        """;

    public static DomainManifest Manifest(string yaml, string config = Config)
    {
        using var p = TempPortfolio.Empty();
        p.Write("reconciler.yaml", config);
        p.Write("domains/d.example.yaml", yaml);
        var result = new PortfolioLoader(Schema.Value, clock: new FixedClock(Now)).LoadAsync(p.Path, CancellationToken.None).GetAwaiter().GetResult();
        result.Diagnostics.Where(d => d.IsError).Should().BeEmpty();
        return result.Portfolio!.Domains.Single();
    }

    public static DesiredDomain Desired(string yaml, string config = Config)
    {
        var (desired, diagnostics) = DesiredStateBuilder.Build(Manifest(yaml, config), DateOnly.FromDateTime(Now.UtcDateTime));
        diagnostics.Should().BeEmpty();
        return desired!;
    }

    /// <summary>A zone from zone-file text; the SOA and apex NS are added.</summary>
    public static LiveZone Zone(string records, string zone = "d.example.")
    {
        var text = $"$ORIGIN {zone}\n$TTL 3600\n@ SOA ns1.host.example. hostmaster 2026010101 3600 600 86400 300\n@ NS ns1.host.example.\n{records}\n";
        var z = ZoneFileReader.Read(text, "live.zone");
        return new LiveZone(z.Origin, z.RecordSets);
    }

    public static PlanningContext Context(SafetyLimits? safety = null, IReadOnlyList<CutoverWait>? cutovers = null) =>
        new(Now, safety ?? SafetyLimits.Default, new HashSet<RecordType>(RecordType.Known.Where(t => t != RecordType.SOA)), cutovers ?? []);

    public static DomainPlan Diff(string yaml, LiveZone? zone, LiveMailDomain? mail = null, PlanningContext? context = null) =>
        Differ.Diff(Desired(yaml), new LiveDomain(zone, mail), context ?? Context());

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

using System.Diagnostics;
using Reconciler.Dns;
using Reconciler.Integration.Tests.Dns.Servers;
using Reconciler.Providers.Rfc2136;
using Xunit.Abstractions;

namespace Reconciler.Integration.Tests.Dns;

/// <summary>
/// A drift pass over many zones on one local BIND: every zone read by AXFR with bounded parallelism, then a
/// second pass over unchanged zones that must cost one SOA query each (no transfer). Figures go to the test output;
/// only correctness is asserted (timings on a shared 2-core machine are not a test).
/// </summary>
public sealed class DnsBenchmarkTests(ITestOutputHelper output)
{
    private const int Zones = 1000;

    [Fact]
    public async Task A_thousand_zones_transfer_once_and_then_cost_one_soa_query_each()
    {
        var names = Enumerable.Range(1, Zones).Select(i => DnsName.Parse($"b{i:D4}.bench.test.")).ToList();
        var clock = Stopwatch.StartNew();
        await using var server = await BindServer.StartAsync(zoneCount: 0, extraZones: names.ToDictionary(n => n, TwentyRecords));
        output.WriteLine($"BIND with {Zones} zones answered after {clock.ElapsedMilliseconds} ms (ready check {server.StartupTime.TotalMilliseconds:0} ms)");

        foreach (var parallelism in new[] { 1, 8 })
        {
            var provider = Provider(server);
            clock.Restart();
            var records = await ReadAllAsync(provider, names, parallelism);
            var elapsed = clock.Elapsed;
            records.Should().Be(Zones * 20);
            provider.TransferCount.Should().Be(Zones);
            output.WriteLine($"AXFR of {Zones} zones ({records} records), {parallelism} at a time: {elapsed.TotalMilliseconds:0} ms ({elapsed.TotalMilliseconds / Zones:0.00} ms per zone)");

            if (parallelism == 8)
            {
                clock.Restart();
                var again = await ReadAllAsync(provider, names, parallelism);
                elapsed = clock.Elapsed;
                again.Should().Be(Zones * 20);
                provider.TransferCount.Should().Be(Zones, "no serial moved, so no zone was transferred again");
                output.WriteLine($"unchanged pass (SOA only), {parallelism} at a time: {elapsed.TotalMilliseconds:0} ms ({elapsed.TotalMilliseconds / Zones:0.000} ms per zone)");
            }
        }
    }

    private static Rfc2136Provider Provider(BindServer server) =>
        new("bench", new Rfc2136Settings(server.Address) { NameServers = [server.Address] }, DnsTestServer.Key);

    private static async Task<int> ReadAllAsync(Rfc2136Provider provider, IReadOnlyList<DnsName> zones, int parallelism)
    {
        var total = 0;
        await Parallel.ForEachAsync(zones, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (zone, ct) =>
        {
            var live = await provider.ReadZoneAsync(zone, ct);
            Interlocked.Add(ref total, live!.RecordSets.Sum(s => s.Records.Count));
        });
        return total;
    }

    /// <summary>The recipe's typical zone: SOA, 2 NS, 2 glue A, apex A, www, mail, 2 MX, 2 TXT, 4 A, 2 AAAA, a CNAME, _dmarc.</summary>
    private static string TwentyRecords(DnsName origin) => $"""
        $ORIGIN {origin}
        $TTL 3600
        @ SOA ns1 hostmaster 2024010101 3600 600 1209600 300
        @ NS ns1
        @ NS ns2
        ns1 A 192.0.2.1
        ns2 A 192.0.2.2
        @ A 192.0.2.10
        www A 192.0.2.11
        mail A 192.0.2.25
        @ MX 10 mail
        @ MX 20 mx2.example.net.
        @ TXT "v=spf1 mx -all"
        @ TXT "google-site-verification=abcdefghijklmnop"
        app1 A 192.0.2.31
        app2 A 192.0.2.32
        app3 A 192.0.2.33
        app4 A 192.0.2.34
        www AAAA 2001:db8::11
        mail AAAA 2001:db8::25
        shop CNAME www
        _dmarc TXT "v=DMARC1; p=reject; rua=mailto:dmarc@{origin.ToString().TrimEnd('.')}"

        """;
}

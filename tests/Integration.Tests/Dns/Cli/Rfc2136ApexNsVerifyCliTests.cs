using Reconciler.Dns;
using Reconciler.Dns.Client;
using Reconciler.Dns.Records;
using Reconciler.Dns.Wire;
using Reconciler.Integration.Tests.Dns.Servers;
using Reconciler.Tests.Common;

namespace Reconciler.Integration.Tests.Dns.Cli;

/// <summary>
/// Verification on every name server of the zone's apex NS rrset, when reconciler.yaml lists no <c>nameServers</c>
/// (Rfc2136Provider.NameServersAsync). The provider resolves each NS name by asking the primary for its A/AAAA
/// (in-zone glue) and queries the first address on port 53: a name server is never on another port without
/// <c>nameServers: [host:port]</c>. So the zone's NS names point at random 127.x.y.z addresses whose port 53 relays
/// to a BIND (<see cref="UdpDnsRelay"/>; binding port 53 needs root, as the tests run here and in CI); the primary
/// itself stays on its free high port. Each relay records the queries that reached it.
/// </summary>
public sealed class Rfc2136ApexNsVerifyCliTests
{
    private static readonly DnsName Zone = DnsName.Parse("nsv.test.");

    [Fact]
    public async Task Without_nameServers_a_change_is_verified_on_every_apex_NS_on_port_53()
    {
        var (ns1, ns2) = (RandomLoopback(), RandomLoopback());
        await using var bind = await StartAsync(ns1, ns2);
        await using var relay1 = await RelayAsync(ns1, bind);
        await using var relay2 = await RelayAsync(ns2, bind);

        using var p = DnsCliPortfolio.Rfc2136(bind, Zone, nameServers: [], verifySeconds: 10);
        p.WriteManifest(Manifest(ns1, ns2));
        var apply = await p.RunAsync("apply", "--yes");
        apply.ExitCode.Should().Be(0, apply.Output);
        apply.StdOut.Should().Contain("1 step(s) applied and verified");

        // The new set was asked for at each name server's address, port 53 (reads and UPDATE go to the primary).
        relay1.Questions.Should().Contain("www.nsv.test. A", $"the change is verified on {ns1}:53");
        relay2.Questions.Should().Contain("www.nsv.test. A", $"the change is verified on {ns2}:53");
        (await p.RunAsync("plan", "--detailed-exitcode")).ExitCode.Should().Be(0);
    }

    [Fact]
    public async Task A_name_server_that_serves_an_old_copy_fails_the_step_naming_it()
    {
        var (ns1, ns2) = (RandomLoopback(), RandomLoopback());
        await using var primary = await StartAsync(ns1, ns2);

        // ns2 is a second BIND with the zone as it was: a secondary that never got the change.
        await using var stale = await StartAsync(ns1, ns2);
        await using var relay1 = await RelayAsync(ns1, primary);
        await using var relay2 = await RelayAsync(ns2, stale);

        using var p = DnsCliPortfolio.Rfc2136(primary, Zone, nameServers: [], verifySeconds: 2);
        p.WriteManifest(Manifest(ns1, ns2));
        var apply = await p.RunAsync("apply", "--yes");
        apply.ExitCode.Should().Be(1, apply.Output);
        var errors = apply.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        errors[0].Should().StartWith($"nsv.test: step 1 failed: dns: {primary.Address} accepted the change of A www in nsv.test., but {ns2}:53 still does not serve it after 2 s")
            .And.NotContain($"{ns1}:53");
        relay1.Questions.Should().Contain("www.nsv.test. A");
        (await primary.Client().QueryAsync(DnsName.Parse("www", Zone), RecordType.A)).Answers.Should().ContainSingle("the primary has it");
    }

    [Fact]
    public async Task Without_nameServers_a_primary_on_another_port_is_not_found_on_port_53_and_the_error_says_to_list_them()
    {
        // The apex NS resolves to addresses where nothing listens on port 53: the primary is only on its high port.
        var (ns1, ns2) = (RandomLoopback(), RandomLoopback());
        await using var bind = await StartAsync(ns1, ns2);

        using var p = DnsCliPortfolio.Rfc2136(bind, Zone, nameServers: [], verifySeconds: 1);
        p.WriteManifest(Manifest(ns1, ns2));
        var apply = await p.RunAsync("apply", "--yes");
        apply.ExitCode.Should().Be(1, apply.Output);
        var errors = apply.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        errors.Should().HaveCount(2, apply.StdErr);
        errors[0].Should().StartWith($"nsv.test: step 1 failed: dns: {bind.Address} accepted the change of A www in nsv.test., but ")
            .And.Contain($"{ns1}:53").And.Contain($"{ns2}:53").And.Contain("did not answer until the deadline of 1 s (last: nothing answers DNS at ")
            .And.EndWith("changes are verified on nsv.test.'s apex NS at port 53: if they are not reachable there from here, list the name servers as host:port in the provider's nameServers");

        // The change is on the primary; once the name servers are listed with their port, nothing is left to do.
        var config = Path.Combine(p.Path, "reconciler.yaml");
        File.WriteAllText(config, File.ReadAllText(config).Replace("verifyDeadlineSeconds", $"nameServers: [\"{bind.Address}\"], verifyDeadlineSeconds", StringComparison.Ordinal));
        (await p.RunAsync("plan", "--detailed-exitcode")).ExitCode.Should().Be(0);
    }

    /// <summary>The manifest: the name servers' glue as it is, and a new www.</summary>
    private static string Manifest(string ns1, string ns2) =>
        $"domain: nsv.test\nmail: {{ provider: none }}\ndns:\n  ttl: 300\n  records:\n"
        + $"    - {{ name: ns1, type: A, value: {ns1} }}\n    - {{ name: ns2, type: A, value: {ns2} }}\n    - {{ name: www, type: A, value: 192.0.2.10 }}\n";

    /// <summary>A BIND serving the zone with two in-zone name servers whose glue points at <paramref name="ns1"/> and <paramref name="ns2"/>.</summary>
    private static async Task<BindServer> StartAsync(string ns1, string ns2)
    {
        ExternalTool.IsInstalled("named").Should().BeTrue("BIND (Debian bind9) is the server here");
        var text = $"""
            $ORIGIN {Zone}
            $TTL 300
            @   IN SOA ns1 hostmaster 2024010101 3600 600 86400 300
            @   IN NS  ns1
            @   IN NS  ns2
            ns1 IN A   {ns1}
            ns2 IN A   {ns2}

            """;
        var server = await BindServer.StartAsync(zoneCount: 0, emptyZoneCount: 0, new Dictionary<DnsName, string> { [Zone] = text });
        await server.WaitServedAsync([Zone]);
        return server;
    }

    /// <summary>A relay from <paramref name="address"/>:53 to <paramref name="server"/>, checked to reach that server (its nonce).</summary>
    private static async Task<UdpDnsRelay> RelayAsync(string address, BindServer server)
    {
        var relay = UdpDnsRelay.Start(address, server.Port);
        var client = new DnsClient(new DnsServerAddress(address, 53), new DnsClientOptions { Timeout = TimeSpan.FromSeconds(2) });
        var answer = await client.QueryAsync(DnsName.Parse("id.server."), RecordType.TXT, DnsClass.CH, sign: false);
        answer.Answers.Select(a => a.Data).OfType<TxtData>().Select(t => t.Value).Should().Equal([server.Nonce], $"{address}:53 must reach {server}");
        return relay;
    }

    /// <summary>An address in 127/8 other than 127.0.0.x, so port 53 there is free even where a local resolver uses 127.0.0.53.</summary>
    private static string RandomLoopback() =>
        $"127.{Random.Shared.Next(1, 255)}.{Random.Shared.Next(0, 256)}.{Random.Shared.Next(1, 255)}";
}

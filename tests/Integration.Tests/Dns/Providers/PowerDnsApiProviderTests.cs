using Reconciler.Dns;
using Reconciler.Dns.Records;
using Reconciler.Integration.Tests.Dns.Servers;
using Reconciler.Providers;
using Reconciler.Providers.PowerDns;
using Reconciler.Secrets;
using Reconciler.Tests.Common;
using Reconciler.Tests.Contracts;

namespace Reconciler.Integration.Tests.Dns.Providers;

/// <summary>The powerdns provider against PowerDNS's own HTTP API: the shared contract, zone creation, and its errors.</summary>
public sealed class PowerDnsApiProviderTests(PowerDnsFixture fixture) : DnsProviderContract, IClassFixture<PowerDnsFixture>, IDisposable
{
    private readonly List<PowerDnsProvider> _providers = [];

    private PowerDnsServer Server => fixture.Server;

    public void Dispose()
    {
        foreach (var p in _providers)
        {
            p.Dispose();
        }
    }

    protected override async Task<(IDnsProvider Provider, DnsName Zone)> CreateAsync()
    {
        var provider = Provider(createZones: true);
        var zone = NewZoneName();
        await provider.CreateZoneAsync(zone, CancellationToken.None);
        return (provider, zone);
    }

    [Fact]
    public async Task The_api_view_of_a_zone_equals_the_dns_view()
    {
        var zone = Server.NextZone();
        var api = await Provider().ReadZoneAsync(zone, CancellationToken.None);
        var axfr = await Server.SignedClient().TransferAsync(zone);
        api!.RecordSets.Should().Equal(RecordSet.Group(axfr), "what the API lists is what DNS serves, unknown types included");
        api.RecordSets.Should().Contain(s => s.Type == new RecordType(65280));
    }

    [Fact]
    public async Task A_created_zone_has_soa_and_the_configured_name_servers_and_creating_again_is_a_no_op()
    {
        var provider = Provider(createZones: true);
        var zone = NewZoneName();
        await provider.CreateZoneAsync(zone, CancellationToken.None);
        await provider.CreateZoneAsync(zone, CancellationToken.None);

        var live = await provider.ReadZoneAsync(zone, CancellationToken.None);
        live!.RecordSets.Select(s => s.Type).Should().Equal(RecordType.NS, RecordType.SOA);
        live.RecordSets.Single(s => s.Type == RecordType.NS).Records.Should().Equal(new NsData(DnsName.Parse("ns1.example.net.")));
        (await Server.Client().QueryAsync(zone, RecordType.SOA)).Answers.Should().ContainSingle("the zone is served at once");
    }

    [Fact]
    public async Task Without_createZones_a_missing_zone_is_explained()
    {
        var zone = DnsName.Parse("never-created.api.test.");
        var provider = Provider(createZones: false);
        (await provider.ReadZoneAsync(zone, CancellationToken.None)).Should().BeNull();
        var act = () => provider.CreateZoneAsync(zone, CancellationToken.None);
        (await act.Should().ThrowAsync<ProviderException>()).Which.Message.Should()
            .Be($"pdns: zone never-created.api.test. does not exist on PowerDNS ({Server.ApiUrl}/); create it there (pdnsutil create-zone) or set createZones: true for this provider");
    }

    [Fact]
    public async Task A_record_set_changed_with_nsupdate_since_the_plan_is_not_overwritten()
    {
        var provider = Provider();
        var zone = Server.NextZone();
        var planned = (await provider.ReadZoneAsync(zone, CancellationToken.None))!.RecordSets.Single(s => s.Name == DnsName.Parse("@", zone) && s.Type == RecordType.MX);
        (await Server.NsUpdateAsync(zone, $"update delete {zone} MX\nupdate add {zone} 300 MX 5 backup.example.net.")).ExitCode.Should().Be(0);

        var wanted = new RecordSet(zone, RecordType.MX, 300, [MxData.Parse("20 mx.example.net.")]);
        var act = () => provider.ApplyAsync(zone, planned, wanted, CancellationToken.None);
        (await act.Should().ThrowAsync<ChangedSincePlanException>()).Which.Message.Should().Contain("found 5 backup.example.net. (ttl 300)");
        (await Server.Client().QueryAsync(zone, RecordType.MX)).Answers.Single().Data.Should().Be(MxData.Parse("5 backup.example.net."));
    }

    [Fact]
    public async Task A_wrong_api_key_is_named_as_such()
    {
        using var provider = new PowerDnsProvider("pdns", Settings(false), "wrong-key");
        var act = () => provider.ReadZoneAsync(Server.NextZone(), CancellationToken.None);
        (await act.Should().ThrowAsync<ProviderException>()).Which.Message.Should()
            .Contain("API key rejected: check apiKey (env:PDNS_API_KEY)").And.NotContain("wrong-key");
    }

    [Fact]
    public async Task PowerDNS_rejections_carry_its_own_error_text()
    {
        var provider = Provider();
        var zone = Server.NextZone();
        var cname = new RecordSet(DnsName.Parse("mail", zone), RecordType.CNAME, 300, [CnameData.Parse("www", zone)]);
        var act = () => provider.ApplyAsync(zone, null, cname, CancellationToken.None);
        var error = (await act.Should().ThrowAsync<ProviderException>()).Which;
        error.Message.Should().StartWith($"pdns: cannot change CNAME mail in {zone}: PowerDNS rejected it: ").And.Contain("onflicts");
    }

    [Fact]
    public async Task An_api_that_is_down_gives_one_actionable_line()
    {
        using var provider = new PowerDnsProvider("pdns", new PowerDnsSettings(new Uri($"http://127.0.0.1:{FreePort.Next()}"), SecretReference.Parse("env:PDNS_API_KEY")), PowerDnsServer.ApiKey);
        var act = () => provider.ReadZoneAsync(Server.NextZone(), CancellationToken.None);
        (await act.Should().ThrowAsync<ProviderException>()).Which.Message.Should().Contain("cannot be reached").And.Contain("api=yes").And.NotContain("\n");
    }

    [Fact]
    public async Task Settings_come_from_reconciler_yaml_with_the_key_through_its_reference()
    {
        var config = new Reconciler.Schema.Model.ProviderConfig(
            "pdns",
            "powerdns",
            new Reconciler.Schema.Loading.MapNode(
                [
                    new("url", default, new Reconciler.Schema.Loading.StringNode(Server.ApiUrl, default)),
                    new("apiKey", default, new Reconciler.Schema.Loading.StringNode("env:PDNS_API_KEY", default)),
                    new("createZones", default, new Reconciler.Schema.Loading.BooleanNode(true, default)),
                ],
                default),
            4,
            default);
        using var provider = PowerDnsProvider.FromConfig(config, "/", name => name == "PDNS_API_KEY" ? PowerDnsServer.ApiKey : null);
        (await provider.ReadZoneAsync(Server.NextZone(), CancellationToken.None)).Should().NotBeNull();

        using var unset = PowerDnsProvider.FromConfig(config, "/", _ => null);
        var act = () => unset.ReadZoneAsync(Server.NextZone(), CancellationToken.None);
        (await act.Should().ThrowAsync<ProviderException>()).Which.Message.Should().Contain("environment variable PDNS_API_KEY is not set");
    }

    private static DnsName NewZoneName() => DnsName.Parse($"c{Guid.NewGuid():N}"[..11] + ".api.test.");

    private PowerDnsSettings Settings(bool createZones) =>
        new(new Uri(Server.ApiUrl), SecretReference.Parse("env:PDNS_API_KEY"))
        {
            CreateZones = createZones,
            NameServers = [DnsName.Parse("ns1.example.net.")],
        };

    private PowerDnsProvider Provider(bool createZones = false)
    {
        var provider = new PowerDnsProvider("pdns", Settings(createZones), PowerDnsServer.ApiKey);
        _providers.Add(provider);
        return provider;
    }
}

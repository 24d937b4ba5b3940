namespace Reconciler.Integration.Tests.Dns.Servers;

/// <summary>One BIND per test class (xUnit class fixture); each test takes its own zone. Also serves the rich and big zones.</summary>
public sealed class BindFixture : IAsyncLifetime
{
    public BindServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await BindServer.StartAsync(
        zoneCount: 24,
        emptyZoneCount: 12,
        new Dictionary<Reconciler.Dns.DnsName, string>
        {
            [TestZones.Rich] = TestZones.RichZone(TestZones.Rich),
            [TestZones.Big] = TestZones.BigZone(TestZones.Big),
        });

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

namespace Reconciler.Integration.Tests.Dns.Servers;

/// <summary>One PowerDNS per test class.</summary>
public sealed class PowerDnsFixture : IAsyncLifetime
{
    public PowerDnsServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await PowerDnsServer.StartAsync(zoneCount: 16, emptyZoneCount: 12);

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

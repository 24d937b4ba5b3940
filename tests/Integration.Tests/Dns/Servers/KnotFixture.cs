namespace Reconciler.Integration.Tests.Dns.Servers;

/// <summary>One Knot per test class.</summary>
public sealed class KnotFixture : IAsyncLifetime
{
    public KnotServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await KnotServer.StartAsync(zoneCount: 16, emptyZoneCount: 12);

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

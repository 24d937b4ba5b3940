using Reconciler.Integration.Tests.Dns.Servers;
using Reconciler.Tests.Common;
using Reconciler.Tests.Shared;

namespace Reconciler.Integration.Tests.Posture;

/// <summary>BIND serving <see cref="PostureZones"/>, an HTTPS server with their MTA-STS policies (test CA), and the
/// portfolio on disk. Shared by the tests of one class.</summary>
public sealed class PostureLiveFixture : IAsyncLifetime
{
    public BindServer Bind { get; private set; } = null!;

    public MtaStsTestServer Https { get; private set; } = null!;

    public TempPortfolio Portfolio { get; } = TempPortfolio.Empty();

    public string CaFile => Path.Combine(Portfolio.Path, "test-ca.pem");

    /// <summary>The `posture --live` arguments that point at BIND and the HTTPS server.</summary>
    public IReadOnlyList<string> LiveArguments =>
    [
        "posture", "--live", "--resolver", Bind.Address.ToString(), "--ca-file", CaFile,
        .. PostureZones.MailDomains.SelectMany(d => new[] { "--connect-to", $"mta-sts.{d}={Https.Endpoint}" }),
    ];

    public async Task InitializeAsync()
    {
        ExternalTool.IsInstalled("named").Should().BeTrue("BIND (Debian bind9) serves the test zones");
        Bind = await BindServer.StartAsync(zoneCount: 0, emptyZoneCount: 0, PostureZones.Zones());
        Https = await MtaStsTestServer.StartAsync(PostureZones.MailDomains.ToDictionary(d => $"mta-sts.{d}", d => new MtaStsTestServer.Response(PostureZones.Policy(d))));
        Portfolio.Write("reconciler.yaml", PostureZones.Config);
        foreach (var (domain, yaml) in PostureZones.Manifests())
        {
            Portfolio.Write($"domains/{domain}.yaml", yaml);
        }

        await File.WriteAllTextAsync(CaFile, Https.CaPem);
    }

    public async Task DisposeAsync()
    {
        await Https.DisposeAsync();
        await Bind.DisposeAsync();
        Portfolio.Dispose();
    }
}

using Reconciler.Dns;
using Reconciler.Providers;
using Reconciler.Providers.ZoneFile;
using Reconciler.Tests.Contracts;

namespace Reconciler.Tests.Providers;

public sealed class ZoneFileProviderContractTests : DnsProviderContract, IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "rcl-zf-" + Guid.NewGuid().ToString("N")[..8]);

    protected override async Task<(IDnsProvider Provider, DnsName Zone)> CreateAsync()
    {
        var provider = new ZoneFileProvider("zones", _dir, [DnsName.Parse("ns1.example.net.")]);
        var zone = DnsName.Parse("contract.example.");
        await provider.CreateZoneAsync(zone, CancellationToken.None);
        return (provider, zone);
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}

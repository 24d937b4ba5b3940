namespace Reconciler.Tests.Shared;

/// <summary>The zone-file provider in a folder: live state is the zone files, a hand edit rewrites one.</summary>
public sealed class ZoneFileLive(string directory) : IDaemonLive
{
    public string Directory { get; } = directory;

    public string ProvidersYaml => $$"""
        providers:
          zones: { kind: zonefile, settings: { directory: {{Directory}}, nameServers: [ns1.host.example.] } }
        defaults: { dnsProvider: zones }
        """;

    public string ZoneFile(string domain) => Path.Combine(Directory, domain + ".zone");

    public string Zone(string domain) => File.Exists(ZoneFile(domain)) ? File.ReadAllText(ZoneFile(domain)) : "";

    public Task<string> ReadAsync(string domain) => Task.FromResult(Zone(domain));

    public Task ReplaceAsync(string domain, string from, string to)
    {
        File.WriteAllText(ZoneFile(domain), Zone(domain).Replace(from, to, StringComparison.Ordinal));
        return Task.CompletedTask;
    }
}

using Reconciler.Dns;
using Reconciler.Providers.PostfixDovecot;
using Reconciler.Providers.PowerDns;
using Reconciler.Providers.Rfc2136;
using Reconciler.Providers.ZoneFile;
using Reconciler.Schema.Model;

namespace Reconciler.Providers;

/// <summary>
/// The providers a portfolio's reconciler.yaml declares, created on first use. Relative folders resolve against
/// the folder holding reconciler.yaml; a `seed` folder is copied in when the provider's folder does not exist yet
/// (that is how the example portfolio gets its live state on a fresh clone).
/// </summary>
public sealed class ProviderSet
{
    private readonly PortfolioConfig _config;
    private readonly TimeProvider _clock;
    private readonly Dictionary<string, object> _created = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public ProviderSet(PortfolioConfig config, TimeProvider? clock = null)
    {
        _config = config;
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>Factories for provider kinds that live outside this file (rfc2136, powerdns, postfix-dovecot).</summary>
    public IReadOnlyDictionary<string, Func<ProviderConfig, PortfolioConfig, object>> ExtraKinds { get; init; } =
        new Dictionary<string, Func<ProviderConfig, PortfolioConfig, object>>();

    public IDnsProvider Dns(string name) => Get<IDnsProvider>(name, "DNS");

    public IMailProvider Mail(string name) => Get<IMailProvider>(name, "mail");

    /// <summary>A provider's folder setting as an absolute path.</summary>
    public static string ResolvePath(PortfolioConfig config, string path) =>
        Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(config.Directory, path));

    /// <summary>Copies the seed folder into the provider's folder the first time (never over existing state).</summary>
    public static void SeedIfMissing(PortfolioConfig config, ProviderConfig provider)
    {
        var dir = provider.Setting("directory");
        var seed = provider.Setting("seed");
        if (dir is null || seed is null)
        {
            return;
        }

        var target = ResolvePath(config, dir);
        var source = ResolvePath(config, seed);
        if (Directory.Exists(target))
        {
            return;
        }

        if (!Directory.Exists(source))
        {
            throw new ProviderException($"provider '{provider.Name}': seed folder {source} does not exist; fix settings.seed or create {target}");
        }

        var staging = target + ".seeding-" + Environment.ProcessId;
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(staging, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        try
        {
            Directory.Move(staging, target); // atomic: a second process seeding at once loses the race harmlessly
        }
        catch (IOException) when (Directory.Exists(target))
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    private T Get<T>(string name, string role)
        where T : class
    {
        lock (_gate)
        {
            if (_created.TryGetValue(name, out var existing))
            {
                return existing as T ?? throw new ProviderException($"provider '{name}' is not a {role} provider");
            }

            if (!_config.Providers.TryGetValue(name, out var config))
            {
                throw new ProviderException($"provider '{name}' is not declared in {_config.File}");
            }

            var created = Create(config);
            _created[name] = created;
            return created as T ?? throw new ProviderException($"provider '{name}' ({config.Kind}) is not a {role} provider");
        }
    }

    private object Create(ProviderConfig provider)
    {
        SeedIfMissing(_config, provider);
        if (ExtraKinds.TryGetValue(provider.Kind, out var factory))
        {
            return factory(provider, _config);
        }

        return provider.Kind switch
        {
            ProviderKinds.ZoneFile => new ZoneFileProvider(
                provider.Name,
                ResolvePath(_config, provider.Setting("directory") ?? throw new ProviderException($"provider '{provider.Name}' needs settings.directory")),
                NameServers(provider),
                _clock),
            ProviderKinds.Rfc2136 => Rfc2136Provider.FromConfig(provider, _config),
            ProviderKinds.PowerDns => PowerDnsProvider.FromConfig(provider, _config),
            ProviderKinds.PostfixDovecot => new PostfixDovecotProvider(provider.Name, PostfixDovecotSettings.From(provider, _config.Directory)),
            _ => throw new ProviderException($"provider '{provider.Name}': kind '{provider.Kind}' is not available in this build"),
        };
    }

    private static List<DnsName> NameServers(ProviderConfig provider) =>
        provider.Settings["nameServers"] is Schema.Loading.ListNode list
            ? list.Items.OfType<Schema.Loading.StringNode>().Select(s => DnsName.Parse(s.Value.EndsWith('.') ? s.Value : s.Value + ".")).ToList()
            : [];
}

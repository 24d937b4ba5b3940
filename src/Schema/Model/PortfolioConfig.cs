namespace Reconciler.Schema.Model;

/// <summary>reconciler.yaml: providers, defaults, safety limits and daemon settings.</summary>
/// <param name="Directory">The folder holding reconciler.yaml; relative provider paths resolve against it.</param>
public sealed record PortfolioConfig(
    string Directory,
    string File,
    IReadOnlyDictionary<string, ProviderConfig> Providers,
    string? DefaultDnsProvider,
    string? DefaultMailProvider,
    int DefaultTtl,
    SafetyLimits Safety,
    DaemonSettings Daemon);

namespace Reconciler.Tests.Shared;

/// <summary>Daemon end-to-end tests run one at a time: each starts a daemon, and the machine has two cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DaemonCollection
{
    public const string Name = "daemon";
}

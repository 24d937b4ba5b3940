using Reconciler.Planning;

namespace Reconciler.Daemon;

/// <summary>What one tick decided for one domain; the engine publishes it (commits, pushes, alerts) afterwards.</summary>
public sealed class DomainWork(DomainState previous)
{
    public DomainState Previous { get; } = previous;

    public DomainState State { get; set; } = previous;

    public DomainPlan? Plan { get; set; }

    public string? DriftMarkdown { get; set; }

    public string? ManifestFile { get; set; }

    public List<RepoChange> Changes { get; } = [];

    public BranchProposal? Proposal { get; set; }

    public List<DriftAlert> Alerts { get; } = [];

    /// <summary>The domain left Git (or this shard): its state is dropped once its report is removed.</summary>
    public bool Forget { get; init; }
}

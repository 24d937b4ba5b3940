namespace Reconciler.Migration;

/// <summary>The job's folder section: the rename/skip rules and whether the source behaves like Gmail.</summary>
public sealed record FolderRules
{
    public bool Gmail { get; init; }

    public IReadOnlyList<FolderRule> Rules { get; init; } = [];
}

namespace Reconciler.Daemon;

/// <summary>A manifest edit proposed on its own branch (adopt): one file replaced on top of the tracked branch.</summary>
/// <param name="Content">The new file, or null to delete the branch (the drift it proposed is gone).</param>
public sealed record BranchProposal(string Domain, string Branch, string Path, string? Content, string Message, string? Hash);

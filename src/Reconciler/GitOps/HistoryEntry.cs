namespace Reconciler.GitOps;

/// <summary>One event in a domain's timeline, as Git records it.</summary>
/// <param name="Kind">commit (the manifest changed), apply, revert, drift (report written or changed), cleared (report removed).</param>
/// <param name="Commit">The commit the event is on: the manifest commit for applies, the daemon's commit for drift.</param>
public sealed record HistoryEntry(DateTimeOffset When, string Kind, string Commit, string Who, string What);

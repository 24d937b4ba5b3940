namespace Reconciler.Daemon;

/// <summary>Files the daemon commits for one domain: path → new content, or null to delete it.</summary>
public sealed record RepoChange(string Domain, IReadOnlyDictionary<string, string?> Files, string Message);

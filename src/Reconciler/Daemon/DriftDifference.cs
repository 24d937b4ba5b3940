namespace Reconciler.Daemon;

/// <summary>One resource that differs: <paramref name="Change"/> is changed, added or removed (outside Git).</summary>
public sealed record DriftDifference(string Resource, string Kind, string Change, string? InGit, string? Live);

namespace Reconciler.Tests.Shared.GitHub;

/// <summary>A repository label.</summary>
public sealed record GitHubFakeLabel(long Id, string Name, string Color, string? Description);

namespace Reconciler.Daemon.Adopting;

/// <summary>The edited manifest, what was taken from live, and what has to be edited by hand (with why).</summary>
public sealed record AdoptResult(string Text, IReadOnlyList<string> Adopted, IReadOnlyList<string> NotAdopted);

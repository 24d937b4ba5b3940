namespace Reconciler.Posture.MtaSts;

/// <summary>The outcome of fetching a policy file: its text when senders would use it, and what went wrong.</summary>
public sealed record MtaStsPolicyFetch(string Url, string? PolicyText, IReadOnlyList<PostureFinding> Findings);

namespace Reconciler.Applying;

/// <summary>One apply run as the journal recorded it; <see cref="Result"/> is null while it runs (or if it was killed).</summary>
public sealed record JournalApply(
    long Id,
    string PlanFingerprint,
    string Portfolio,
    string? Commit,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    string? Result);

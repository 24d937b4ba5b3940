namespace Reconciler.Applying;

/// <summary>One step as the journal recorded it.</summary>
public sealed record JournalEntry(
    long ApplyId,
    int StepIndex,
    string Domain,
    string Resource,
    string Action,
    StepState State,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    string? Error);

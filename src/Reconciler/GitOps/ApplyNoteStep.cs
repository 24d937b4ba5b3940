namespace Reconciler.GitOps;

/// <summary>One step of an apply note: what it did to which resource, and how it ended.</summary>
public sealed record ApplyNoteStep(int Index, string Action, string Resource, string Result, string? Error);

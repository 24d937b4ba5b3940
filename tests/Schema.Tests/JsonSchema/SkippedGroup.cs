namespace Reconciler.Schema.Tests.JsonSchema;

public sealed record SkippedGroup(string File, string Group, SkipKind Kind, string Reason);

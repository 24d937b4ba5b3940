using Reconciler.Schema.Loading;

namespace Reconciler.Schema.Tests.JsonSchema;

/// <summary>One group of the official test suite: a schema and the instances it must accept or reject.</summary>
public sealed record SuiteGroup(string File, int Index, string Description, Node Schema, IReadOnlyList<SuiteCase> Cases);

using Reconciler.Schema.Loading;

namespace Reconciler.Schema.Validation.JsonSchema;

/// <summary>
/// A keyword the compiler accepted without checking anything: an unknown keyword (JSON Schema says to ignore
/// those) or a <c>format</c> this validator does not assert. Listed so a test can keep our own schemas free of typos.
/// </summary>
public sealed record IgnoredKeyword(string Keyword, string SchemaLocation, SourcePosition Position, string Reason);

namespace Reconciler.Schema.Loading;

/// <summary>One key of a map, with where the key itself was written (errors about a key point there).</summary>
public sealed record MapEntry(string Key, SourcePosition KeyPosition, Node Value);

namespace Reconciler.Schema.Loading;

/// <summary>
/// A JSON-model value that remembers where it was written. YAML manifests and JSON documents load into this one
/// tree, so schema validation, template merging and semantic rules can all point at a file, line and column.
/// </summary>
public abstract class Node
{
    protected Node(SourcePosition position) => Position = position;

    public SourcePosition Position { get; }

    public abstract NodeKind Kind { get; }

    /// <summary>The same value at another position (used when a template's node is merged into a domain).</summary>
    public abstract Node WithPosition(SourcePosition position);

    /// <summary>JSON text of this value, for messages and the JSON output format.</summary>
    public override string ToString() => NodeJson.Write(this);
}

namespace Reconciler.Schema.Loading;

/// <summary>Where a node was written: file, 1-based line and column. <see cref="None"/> for nodes made in code.</summary>
public readonly record struct SourcePosition(string File, int Line, int Column)
{
    public static readonly SourcePosition None = new("", 0, 0);

    public bool IsKnown => Line > 0;

    public override string ToString() => IsKnown ? $"{File}:{Line}:{Column}" : File;
}

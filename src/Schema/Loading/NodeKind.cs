namespace Reconciler.Schema.Loading;

/// <summary>The JSON data model kinds; YAML is loaded into the same six.</summary>
public enum NodeKind
{
    Map,
    List,
    String,
    Number,
    Boolean,
    Null,
}

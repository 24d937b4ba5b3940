namespace Reconciler.Schema.Validation;

/// <summary>Which kind of file is being checked: each has its own definition in manifest.schema.json.</summary>
public enum SchemaPart
{
    Domain,
    Template,
    Config,
}

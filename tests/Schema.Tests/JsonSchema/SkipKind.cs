namespace Reconciler.Schema.Tests.JsonSchema;

public enum SkipKind
{
    /// <summary>The schema uses something we do not implement: compiling it must throw UnsupportedSchemaException.</summary>
    Unsupported,

    /// <summary>We deliberately behave differently; at least one case must still disagree (else the entry is stale).</summary>
    Deviation,
}

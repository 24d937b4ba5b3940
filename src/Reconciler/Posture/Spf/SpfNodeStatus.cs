namespace Reconciler.Posture.Spf;

/// <summary>What was found at one domain of an include/redirect tree.</summary>
public enum SpfNodeStatus
{
    /// <summary>One SPF record that parses.</summary>
    Ok,

    /// <summary>The name exists but has no SPF record.</summary>
    NoRecord,

    /// <summary>The name does not exist.</summary>
    NxDomain,

    MultipleRecords,
    SyntaxError,

    /// <summary>The TXT lookup failed (timeout, SERVFAIL): unknown.</summary>
    LookupFailed,

    /// <summary>The domain is already on the path from the root: include or redirect loop.</summary>
    Loop,
}

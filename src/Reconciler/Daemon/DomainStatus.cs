namespace Reconciler.Daemon;

/// <summary>Where a domain stands, as the status page and the metrics show it.</summary>
public enum DomainStatus
{
    /// <summary>Not checked yet since the daemon started.</summary>
    Pending,

    InSync,

    /// <summary>Live state moved away from Git; a report is in drift/.</summary>
    Drifted,

    /// <summary>The plan has steps the safety policy holds back until someone approves that exact plan.</summary>
    WaitingForApproval,

    /// <summary>Outside the domain's change window.</summary>
    WaitingForWindow,

    /// <summary>A staged cutover waits for an old TTL to expire.</summary>
    WaitingForCutover,

    /// <summary>The last attempt failed; retried with exponential backoff.</summary>
    Failing,

    /// <summary>The manifest has errors; nothing is done until it is fixed.</summary>
    Invalid,
}

namespace Reconciler.Planning;

/// <summary>
/// The order changes reach live systems in: a plan is sorted by phase, stable within one. Each phase exists so that
/// mail keeps flowing while a change is half-applied.
/// </summary>
public enum Phase
{
    /// <summary>Create missing zones; lower TTLs ahead of a cutover so the old value expires quickly.</summary>
    Prepare = 1,

    /// <summary>Mail domains and mailboxes exist before anything routes to them.</summary>
    Mailboxes = 2,

    /// <summary>DKIM keys, SPF and other records are published before MX or sending changes rely on them.</summary>
    Publish = 3,

    /// <summary>MX switches.</summary>
    SwitchMx = 4,

    /// <summary>Aliases, forwards, catch-all.</summary>
    Routing = 5,

    /// <summary>DMARC last, once everything it judges is in place.</summary>
    Dmarc = 6,

    /// <summary>Deletions, in reverse dependency order: routes, then mailboxes, then records, then mail domains.</summary>
    Delete = 7,
}

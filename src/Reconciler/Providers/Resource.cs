namespace Reconciler.Providers;

/// <summary>
/// One thing a plan step creates, changes or deletes on a live system: a DNS record set, a zone, a mail domain, a
/// mailbox or a mail route. <see cref="Id"/> names it uniquely within its domain (the step's resource column).
/// </summary>
public abstract record Resource
{
    /// <summary>Short kind for output and JSON: recordset, zone, maildomain, mailbox, route.</summary>
    public abstract string Kind { get; }

    /// <summary>Unique within the domain, e.g. <c>MX @</c>, <c>mailbox alice@acme.example</c>.</summary>
    public abstract string Id { get; }

    /// <summary>The value as a person reads it in a plan (never secrets).</summary>
    public abstract string Describe();

    /// <summary>True when <paramref name="other"/> holds the same live-relevant value (display-only fields ignored).</summary>
    public virtual bool SameAs(Resource? other) => Equals(other);
}

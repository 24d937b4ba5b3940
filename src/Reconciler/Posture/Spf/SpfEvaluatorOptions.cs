namespace Reconciler.Posture.Spf;

/// <summary>Limits and environment of check_host(); the defaults are RFC 7208's.</summary>
public sealed record SpfEvaluatorOptions
{
    /// <summary>Terms that query DNS (include, a, mx, ptr, exists, redirect) per check (RFC 7208 §4.6.4).</summary>
    public int MaxDnsLookups { get; init; } = 10;

    /// <summary>Lookups answered NODATA or NXDOMAIN before PermError (RFC 7208 §4.6.4 recommends 2).</summary>
    public int MaxVoidLookups { get; init; } = 2;

    /// <summary>MX names an "mx" mechanism may return (more is PermError).</summary>
    public int MaxMxNames { get; init; } = 10;

    /// <summary>PTR names looked at by "ptr" and %{p}; the rest are ignored.</summary>
    public int MaxPtrNames { get; init; } = 10;

    /// <summary>The %{r} macro: the domain name of the host doing the check (RFC 7208 §7.3).</summary>
    public string ReceivingHost { get; init; } = "unknown";

    /// <summary>Explanation for a Fail when the record has no usable exp=; null for none.</summary>
    public string? DefaultExplanation { get; init; }

    /// <summary>Source of %{t}.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}

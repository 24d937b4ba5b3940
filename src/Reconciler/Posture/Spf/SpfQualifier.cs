namespace Reconciler.Posture.Spf;

/// <summary>The result a mechanism gives when it matches (RFC 7208 §4.6.2).</summary>
public enum SpfQualifier
{
    /// <summary>"+" (the default when no qualifier is written).</summary>
    Pass,

    /// <summary>"-".</summary>
    Fail,

    /// <summary>"~".</summary>
    SoftFail,

    /// <summary>"?".</summary>
    Neutral,
}

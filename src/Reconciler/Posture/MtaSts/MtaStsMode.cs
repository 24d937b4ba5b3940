namespace Reconciler.Posture.MtaSts;

/// <summary>The policy mode (RFC 8461 §5).</summary>
public enum MtaStsMode
{
    Enforce,
    Testing,
    None,
}

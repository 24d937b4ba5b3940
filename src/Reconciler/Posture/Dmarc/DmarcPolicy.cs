namespace Reconciler.Posture.Dmarc;

/// <summary>The p= / sp= values (RFC 7489 §6.3), weakest first.</summary>
public enum DmarcPolicy
{
    None,
    Quarantine,
    Reject,
}

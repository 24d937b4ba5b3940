namespace Reconciler.Posture.Dmarc;

/// <summary>adkim= / aspf= (RFC 7489 §3.1).</summary>
public enum DmarcAlignmentMode
{
    Relaxed,
    Strict,
}

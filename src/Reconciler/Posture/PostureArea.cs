namespace Reconciler.Posture;

/// <summary>The parts of a domain's mail posture a report shows side by side (one column each).</summary>
public enum PostureArea
{
    Spf,
    Dkim,
    Dmarc,
    Mx,
    MtaSts,
    TlsRpt,
}

namespace Reconciler.Posture;

/// <summary>How a DNS question ended, in the distinctions the posture rules need (RFC 7208 §2.6, §4.6.4).</summary>
public enum LookupStatus
{
    /// <summary>NOERROR with at least one record of the asked type.</summary>
    Found,

    /// <summary>NOERROR but no record of the asked type ("NODATA"); a void lookup in SPF terms.</summary>
    NoData,

    /// <summary>RCODE 3, the name does not exist; also a void lookup.</summary>
    NxDomain,

    /// <summary>Timeout, SERVFAIL, refused, CNAME loop...: the answer is unknown (SPF TempError).</summary>
    Failure,
}

namespace Reconciler.Dns.Wire;

/// <summary>
/// A response code: the 4 header bits, extended to 12 by EDNS (RFC 6891), and the TSIG error field (RFC 8945),
/// which shares the registry (16 is BADVERS in an OPT record and BADSIG in a TSIG record).
/// </summary>
public enum DnsResponseCode : ushort
{
    NoError = 0,
    FormErr = 1,
    ServFail = 2,
    NXDomain = 3,
    NotImp = 4,
    Refused = 5,
    YXDomain = 6,
    YXRRSet = 7,
    NXRRSet = 8,
    NotAuth = 9,
    NotZone = 10,
    BadSig = 16,
    BadKey = 17,
    BadTime = 18,
    BadMode = 19,
    BadName = 20,
    BadAlg = 21,
    BadTrunc = 22,
    BadCookie = 23,
}

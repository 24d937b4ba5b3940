using System.Globalization;

namespace Reconciler.Dns.Wire;

/// <summary>The names dig prints for response codes, in the two contexts where code 16 means different things.</summary>
internal static class ResponseCodes
{
    public static string Mnemonic(DnsResponseCode code) => code switch
    {
        DnsResponseCode.NoError => "NOERROR",
        DnsResponseCode.FormErr => "FORMERR",
        DnsResponseCode.ServFail => "SERVFAIL",
        DnsResponseCode.NXDomain => "NXDOMAIN",
        DnsResponseCode.NotImp => "NOTIMP",
        DnsResponseCode.Refused => "REFUSED",
        DnsResponseCode.YXDomain => "YXDOMAIN",
        DnsResponseCode.YXRRSet => "YXRRSET",
        DnsResponseCode.NXRRSet => "NXRRSET",
        DnsResponseCode.NotAuth => "NOTAUTH",
        DnsResponseCode.NotZone => "NOTZONE",
        DnsResponseCode.BadSig => "BADVERS",
        DnsResponseCode.BadCookie => "BADCOOKIE",
        _ => "RCODE" + ((ushort)code).ToString(CultureInfo.InvariantCulture),
    };

    public static string TsigMnemonic(DnsResponseCode code) => code switch
    {
        DnsResponseCode.BadSig => "BADSIG",
        DnsResponseCode.BadKey => "BADKEY",
        DnsResponseCode.BadTime => "BADTIME",
        DnsResponseCode.BadMode => "BADMODE",
        DnsResponseCode.BadName => "BADNAME",
        DnsResponseCode.BadAlg => "BADALG",
        DnsResponseCode.BadTrunc => "BADTRUNC",
        _ => Mnemonic(code),
    };
}

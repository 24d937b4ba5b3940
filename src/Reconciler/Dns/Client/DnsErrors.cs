using Reconciler.Dns.Wire;

namespace Reconciler.Dns.Client;

/// <summary>Turns an error response code into a one-line message that says what to check.</summary>
internal static class DnsErrors
{
    public static DnsResponseException ForResponse(DnsMessage response, string server, DnsOperation operation, DnsName subject)
    {
        var code = response.ResponseCode;
        var rcode = ResponseCodes.Mnemonic(code);
        var what = operation switch
        {
            DnsOperation.Update => $"the update of zone {subject}",
            DnsOperation.Transfer => $"the transfer (AXFR) of zone {subject}",
            _ => $"the query for {subject}",
        };
        var acl = operation == DnsOperation.Transfer ? "allow-transfer" : "allow-update";
        var reason = code switch
        {
            DnsResponseCode.Refused when operation == DnsOperation.Query =>
                $"{server} refused {what} (REFUSED): it does not serve that zone, or does not answer us",
            DnsResponseCode.Refused =>
                $"{server} refused {what} (REFUSED): the server refused: check {acl} / TSIG key name (the server's log says why; BIND also refuses an MX or SRV whose in-zone target has no address)",
            DnsResponseCode.NotAuth =>
                $"{server} answered NOTAUTH to {what}: it is not authoritative for the zone, or refused us (Knot and PowerDNS answer NOTAUTH where BIND answers REFUSED): check that it serves {subject} and {acl} / TSIG key name",
            DnsResponseCode.NotZone =>
                $"{server} answered NOTZONE to {what}: a name in the update is not in zone {subject}",
            DnsResponseCode.FormErr =>
                $"{server} could not parse {what} (FORMERR)",
            DnsResponseCode.ServFail when operation == DnsOperation.Transfer =>
                $"{server} failed to process {what} (SERVFAIL): the zone may have failed to load, or too many transfers run at once (BIND: transfers-out); check the server's log",
            DnsResponseCode.ServFail =>
                $"{server} failed to process {what} (SERVFAIL): the zone may have failed to load; check the server's log",
            DnsResponseCode.NotImp =>
                $"{server} does not implement {what} (NOTIMP): {(operation == DnsOperation.Update ? "dynamic updates are disabled (BIND: allow-update; PowerDNS: dnsupdate=yes)" : "check the server's configuration")}",
            DnsResponseCode.NXDomain when operation == DnsOperation.Transfer =>
                $"{server} does not know zone {subject} (NXDOMAIN)",
            DnsResponseCode.YXRRSet or DnsResponseCode.NXRRSet or DnsResponseCode.YXDomain or DnsResponseCode.NXDomain =>
                $"{server} did not apply {what}: a prerequisite failed ({rcode}), the data changed since it was read",
            _ => $"{server} answered {rcode} to {what}",
        };
        return new DnsResponseException(reason, server, code);
    }
}

using Reconciler.Dns.Wire;

namespace Reconciler.Dns.Client;

/// <summary>The server answered with an error response code; <see cref="ResponseCode"/> says which.</summary>
public sealed class DnsResponseException : DnsException
{
    public DnsResponseException(string message, string server, DnsResponseCode responseCode)
        : base(message, server)
    {
        ResponseCode = responseCode;
    }

    public DnsResponseCode ResponseCode { get; }

    /// <summary>True for the RFC 2136 prerequisite failures: the data is not what the request said it would be.</summary>
    public bool IsPrerequisiteFailure => ResponseCode is DnsResponseCode.YXRRSet or DnsResponseCode.NXRRSet or DnsResponseCode.YXDomain or DnsResponseCode.NXDomain;
}

using Reconciler.Dns.Wire;

namespace Reconciler.Dns.Client;

/// <summary>
/// TSIG failed: the server rejected our signature (BADSIG, BADKEY, BADTIME in <see cref="TsigError"/>), or its
/// response was unsigned or failed our check. The message names the key, never the secret.
/// </summary>
public sealed class TsigException : DnsException
{
    public TsigException(string message, string server, DnsResponseCode? tsigError = null)
        : base(message, server)
    {
        TsigError = tsigError;
    }

    public DnsResponseCode? TsigError { get; }
}

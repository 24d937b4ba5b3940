namespace Reconciler.Dns.Client;

/// <summary>The server could not be reached or did not answer in time: worth trying its next address.</summary>
internal sealed class DnsTransportException(string message, string server, Exception? inner = null)
    : DnsException(message, server, inner);

namespace Reconciler.Dns.Client;

/// <summary>The TCP connection ended (closed or reset by the server) while a message was being sent or awaited.</summary>
internal sealed class DnsConnectionClosedException(string message, string server, Exception? inner = null)
    : DnsException(message, server, inner);

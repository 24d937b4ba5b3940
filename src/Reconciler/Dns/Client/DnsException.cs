namespace Reconciler.Dns.Client;

/// <summary>
/// A DNS exchange failed: the server did not answer, could not be reached, or answered something unusable. The
/// message is one line naming the server and what to check; it never contains a TSIG secret.
/// </summary>
public class DnsException : Exception
{
    public DnsException(string message, string server, Exception? inner = null)
        : base(message, inner)
    {
        Server = server;
    }

    /// <summary>The server as given (<c>host:port</c>).</summary>
    public string Server { get; }
}

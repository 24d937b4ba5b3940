namespace Reconciler.Migration.Imap;

/// <summary>
/// The connection ended under a command: the server said BYE, closed the socket, stopped answering (see
/// <see cref="InactivityTimeout"/>), or the network failed. Every command still in flight fails with this; the
/// client is unusable afterwards. Retry on a new connection.
/// </summary>
public sealed class ImapConnectionLostException : ImapException
{
    public ImapConnectionLostException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>The text of the server's BYE, when it sent one before closing.</summary>
    public string? ServerText { get; init; }

    /// <summary>
    /// Set when this client closed the connection because the server sent (or accepted) nothing for this long
    /// (<see cref="ImapClientOptions.ReadTimeout"/>).
    /// </summary>
    public TimeSpan? InactivityTimeout { get; init; }

    public override bool IsRetryable => true;
}

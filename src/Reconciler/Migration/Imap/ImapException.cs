namespace Reconciler.Migration.Imap;

/// <summary>Base of every error the IMAP client raises. Messages never contain credentials.</summary>
public abstract class ImapException : Exception
{
    protected ImapException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>True when trying again on a new connection may succeed (the connection dropped, the server said BYE).</summary>
    public abstract bool IsRetryable { get; }
}

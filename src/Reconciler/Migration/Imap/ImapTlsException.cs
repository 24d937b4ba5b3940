namespace Reconciler.Migration.Imap;

/// <summary>TLS could not be set up: the certificate was not trusted, the handshake failed, or STARTTLS is missing.</summary>
public sealed class ImapTlsException : ImapException
{
    public ImapTlsException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    public override bool IsRetryable => false;
}

namespace Reconciler.Migration.Imap;

/// <summary>The server sent something this client cannot parse. The connection is closed, since its state is unknown.</summary>
public sealed class ImapProtocolException : ImapException
{
    public ImapProtocolException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    public override bool IsRetryable => false;
}

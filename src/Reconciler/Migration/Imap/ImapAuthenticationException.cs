namespace Reconciler.Migration.Imap;

/// <summary>
/// The server rejected the credentials (or offers no usable mechanism). Not retryable: check the user name and
/// password. The message carries the server's text, never the credentials.
/// </summary>
public sealed class ImapAuthenticationException : ImapException
{
    public ImapAuthenticationException(string message, string? responseCode = null, string? serverText = null)
        : base(message)
    {
        ResponseCode = responseCode;
        ServerText = serverText;
    }

    public string? ResponseCode { get; }

    public string? ServerText { get; }

    public override bool IsRetryable => false;
}

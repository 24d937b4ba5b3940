namespace Reconciler.Migration.Imap;

/// <summary>
/// Internal signal: the server completed a command (NO/BAD) while the client waited for a continuation to send the
/// rest of it; the sender stops and the caller sees the tagged answer.
/// </summary>
internal sealed class ImapCommandRejectedException : Exception
{
    public ImapCommandRejectedException()
        : base("The server answered the command before asking for the rest of it.")
    {
    }
}

namespace Reconciler.Migration.Imap;

/// <summary>The tagged completion of a command. Text is only kept for NO/BAD (OK texts are not needed).</summary>
internal sealed record ImapStatusResponse(ImapResponseStatus Status, ImapResponseCode? Code, string? Text);

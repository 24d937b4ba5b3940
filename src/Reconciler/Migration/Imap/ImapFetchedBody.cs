namespace Reconciler.Migration.Imap;

/// <summary>
/// A message body arriving from UID FETCH BODY.PEEK[]. <see cref="Content"/> reads straight from the connection and
/// is only valid inside the callback that received it; whatever the callback leaves unread is skipped afterwards.
/// The callback runs on the connection's reader, so it must not wait for another command on the same client.
/// </summary>
public sealed class ImapFetchedBody
{
    internal ImapFetchedBody(ImapMessageSummary soFar, long length, Stream content)
    {
        Summary = soFar;
        Length = length;
        Content = content;
    }

    /// <summary>The items the server sent before the body (Dovecot sends UID, FLAGS, INTERNALDATE, RFC822.SIZE first).</summary>
    public ImapMessageSummary Summary { get; }

    /// <summary>0 if the server sent the body before the UID (then rely on the summaries the fetch returns).</summary>
    public uint Uid => Summary.Uid;

    /// <summary>Exact byte length of the body.</summary>
    public long Length { get; }

    public Stream Content { get; }
}

namespace Reconciler.Migration.Imap;

/// <summary>
/// One message for APPEND: its exact bytes (in memory or a stream read once, of a known length), plus the flags,
/// keywords and internal date to store with it.
/// </summary>
public sealed record ImapAppendMessage
{
    private ImapAppendMessage(ReadOnlyMemory<byte> bytes, Stream? stream, long length)
    {
        Bytes = bytes;
        Stream = stream;
        Length = length;
    }

    public ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>When set, <see cref="Length"/> bytes are copied from it to the connection in bounded chunks.</summary>
    public Stream? Stream { get; }

    public long Length { get; }

    /// <summary>\Recent is dropped (servers refuse it in APPEND).</summary>
    public ImapMessageFlags Flags { get; init; }

    public IReadOnlyList<string> Keywords { get; init; } = [];

    /// <summary>Stored as the message's INTERNALDATE (to whole seconds); null lets the server use "now".</summary>
    public DateTimeOffset? InternalDate { get; init; }

    /// <summary>Checked before anything is sent, so a bad keyword fails this message, not the whole connection.</summary>
    internal void Validate()
    {
        foreach (var keyword in Keywords)
        {
            if (!ImapCommandWriter.IsValidKeyword(keyword))
            {
                throw new ArgumentException(
                    $"'{keyword}' cannot be stored as an IMAP keyword: keywords are atoms (printable ASCII without " +
                    "spaces, parentheses, braces, quotes, backslashes, '%', '*' or ']').", nameof(Keywords));
            }
        }

        if (Stream is null && Bytes.Length != Length)
        {
            throw new ArgumentException("The message length does not match its bytes.", nameof(Length));
        }
    }

    public static ImapAppendMessage FromBytes(ReadOnlyMemory<byte> bytes) => new(bytes, null, bytes.Length);

    /// <summary>
    /// A message read from <paramref name="content"/>, which must yield exactly <paramref name="length"/> bytes;
    /// e.g. <see cref="ImapFetchedBody.Content"/> to relay a message between servers without buffering it.
    /// </summary>
    public static ImapAppendMessage FromStream(Stream content, long length)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return new ImapAppendMessage(ReadOnlyMemory<byte>.Empty, content, length);
    }
}

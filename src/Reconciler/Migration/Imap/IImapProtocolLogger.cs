namespace Reconciler.Migration.Imap;

/// <summary>
/// Receives the raw protocol traffic of one connection, for debugging. Client data is passed through the command
/// writer, which replaces LOGIN and AUTHENTICATE arguments with <c>****</c>, so credentials never reach a logger.
/// Calls come from the sending and the receiving side concurrently; implementations must be thread-safe and fast
/// (they run inside the I/O path).
/// </summary>
public interface IImapProtocolLogger
{
    /// <summary>Bytes the client sent (possibly a fragment of a line).</summary>
    void LogClient(ReadOnlySpan<byte> data);

    /// <summary>Bytes the server sent (possibly a fragment of a line).</summary>
    void LogServer(ReadOnlySpan<byte> data);
}

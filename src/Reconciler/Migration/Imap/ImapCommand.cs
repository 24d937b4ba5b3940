namespace Reconciler.Migration.Imap;

/// <summary>
/// One command on its way through the engine: how to write its arguments, what untagged data it collects, and the
/// task its caller awaits. Tags are assigned when it is written, so they follow wire order.
/// </summary>
internal sealed class ImapCommand
{
    private readonly TaskCompletionSource<ImapStatusResponse> _completion =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ImapCommand(
        string name,
        Func<ImapCommandWriter, CancellationToken, ValueTask>? writeArguments = null,
        ImapCommandKind kind = ImapCommandKind.Other)
    {
        Name = name;
        WriteArguments = writeArguments;
        Kind = kind;
    }

    public string Name { get; }

    public ImapCommandKind Kind { get; }

    public Func<ImapCommandWriter, CancellationToken, ValueTask>? WriteArguments { get; }

    public uint Tag { get; set; }

    /// <summary>Completely on the wire and not answered yet: the server owes an answer (guarded by the engine's lock).</summary>
    public bool AwaitingAnswer { get; set; }

    /// <summary>Sent only when nothing else is in flight (SELECT/EXAMINE: untagged data must not be mixed up).</summary>
    public bool Exclusive { get; init; }

    public List<ImapFolder>? Folders { get; init; }

    public UidSetBuilder? SearchResults { get; init; }

    public ImapFetchState? Fetch { get; init; }

    /// <summary>SELECT/EXAMINE: the (decoded) mailbox name and whether EXAMINE was used.</summary>
    public string? MailboxName { get; init; }

    public bool ReadOnlySelect { get; init; }

    /// <summary>A fetch callback threw; the command fails with this once the server has finished answering.</summary>
    public Exception? CallbackError { get; set; }

    public Task<ImapStatusResponse> Completion => _completion.Task;

    public void Complete(ImapStatusResponse response)
    {
        if (CallbackError is { } error)
        {
            _completion.TrySetException(error);
        }
        else
        {
            _completion.TrySetResult(response);
        }
    }

    public void Fail(Exception error) => _completion.TrySetException(error);
}

using System.Runtime.CompilerServices;

namespace Reconciler.Migration.Imap;

/// <summary>
/// Messages appended to one folder as they become available (see <see cref="ImapClient.CreateAppendBatch"/>).
/// <see cref="AddAsync"/> returns once the message is written to the connection, so its stream may end right after.
/// Disposing a batch that was started but not completed closes the connection: half an APPEND cannot be taken
/// back, and closing guarantees none of it is stored.
/// </summary>
public sealed class ImapAppendBatch : IAsyncDisposable
{
    private readonly ImapClient _client;
    private readonly string _folder;
    private readonly bool _multiAppend;
    private readonly List<Task<ImapAppendResult>> _separate = [];
    private ImapCommand? _command;
    private ImapCommandWriter? _writer;
    private bool _open;
    private bool _completed;

    internal ImapAppendBatch(ImapClient client, string folder, bool multiAppend)
    {
        _client = client;
        _folder = folder;
        _multiAppend = multiAppend;
    }

    public string Folder => _folder;

    /// <summary>Messages added so far.</summary>
    public int Count { get; private set; }

    /// <summary>True when the batch is one MULTIAPPEND command (else separate pipelined APPENDs).</summary>
    public bool IsSingleCommand => _multiAppend;

    /// <summary>
    /// Writes the message to the connection (on the caller's own thread, straight from its stream). Not safe to
    /// call concurrently with itself. Cancelling while a message is half written closes the connection.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask AddAsync(ImapAppendMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.Validate();
        if (_completed)
        {
            throw new InvalidOperationException("The append batch is already completed.");
        }

        if (!_multiAppend)
        {
            _separate.Add(await _client.StartAppendAsync(_folder, message, cancellationToken).ConfigureAwait(false));
            Count++;
            return;
        }

        var engine = _client.Engine;
        if (_command is null)
        {
            _command = new ImapCommand("APPEND");
            _writer = await engine.BeginSendAsync(_command, cancellationToken).ConfigureAwait(false);
            _open = true;
            try
            {
                _writer.WriteSpace();
                await _writer.WriteMailboxAsync(_folder, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                _open = false;
                engine.AbandonSend(_command, ex);
                throw;
            }
        }
        else if (!_open)
        {
            // The send ended earlier (refused or failed); report that again.
            await _client.FinishAppendAsync(_command, cancellationToken).ConfigureAwait(false);
            throw new InvalidOperationException("The append batch can no longer be used.");
        }

        try
        {
            await ImapClient.WriteAppendMessageAsync(_writer!, message, cancellationToken).ConfigureAwait(false);
            Count++;
        }
        catch (Exception ex)
        {
            _open = false;
            if (!engine.AbandonSend(_command, ex))
            {
                throw;
            }

            // Rejected before this message went out: surface the server's NO/BAD.
            await _client.FinishAppendAsync(_command, cancellationToken).ConfigureAwait(false);
            throw new InvalidOperationException("The server ended the APPEND before the message was sent.");
        }
    }

    /// <summary>
    /// Ends the command. Returns once the end is on the wire (the connection is free again); the inner task is the
    /// server's answer with the new UIDs in the order the messages were added.
    /// </summary>
    public async Task<Task<ImapAppendResult>> CompleteAsync(CancellationToken cancellationToken = default)
    {
        _completed = true;
        if (!_multiAppend)
        {
            return CombineAsync(_separate);
        }

        if (_command is null)
        {
            return Task.FromResult(new ImapAppendResult(0, UidSet.Empty));
        }

        if (_open)
        {
            _open = false;
            await _client.Engine.EndSendAsync(_command, cancellationToken).ConfigureAwait(false);
        }

        return _client.FinishAppendAsync(_command, cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        _completed = true;
        if (_open)
        {
            _open = false;
            _client.Engine.AbandonSend(_command!, new InvalidOperationException(
                "An append batch was abandoned before it was completed, so none of it is stored."));
        }

        return ValueTask.CompletedTask;
    }

    private static async Task<ImapAppendResult> CombineAsync(List<Task<ImapAppendResult>> separate)
    {
        if (separate.Count == 0)
        {
            return new ImapAppendResult(0, UidSet.Empty);
        }

        var results = await Task.WhenAll(separate).ConfigureAwait(false);
        var uids = new UidSetBuilder();
        foreach (var r in results)
        {
            uids.AddSet(r.Uids);
        }

        return new ImapAppendResult(results[0].UidValidity, uids.Build());
    }
}

namespace Reconciler.Migration.Imap;

/// <summary>
/// The selected mailbox as untagged responses describe it; written by the reader, read by callers as snapshots.
/// </summary>
internal sealed class ImapMailboxState
{
    private readonly Lock _gate = new();
    private ImapMailbox? _current;

    public ImapMailbox? Snapshot
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    public void Reset(string name, bool readOnly)
    {
        lock (_gate)
        {
            _current = new ImapMailbox { Name = name, ReadOnly = readOnly };
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _current = null;
        }
    }

    /// <summary>Applies a change when a mailbox is selected; static lambdas with state keep this allocation-free.</summary>
    public void Update<TState>(TState state, Func<ImapMailbox, TState, ImapMailbox> change)
    {
        lock (_gate)
        {
            if (_current is not null)
            {
                _current = change(_current, state);
            }
        }
    }
}

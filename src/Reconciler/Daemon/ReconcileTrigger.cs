using System.Threading.Channels;

namespace Reconciler.Daemon;

/// <summary>Asks the reconcile loop to run now (a verified push webhook); requests made while one is pending merge.</summary>
public sealed class ReconcileTrigger
{
    private readonly Channel<string> _requests = Channel.CreateBounded<string>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Request(string reason) => _requests.Writer.TryWrite(reason);

    /// <summary>Waits for a request or the timeout; returns the request's reason, or null on timeout.</summary>
    public async Task<string?> WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            return await _requests.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return null;
        }
    }
}

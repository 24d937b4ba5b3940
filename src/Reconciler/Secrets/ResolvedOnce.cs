namespace Reconciler.Secrets;

/// <summary>
/// A value read on first use and kept, e.g. a key behind a secret reference: a provider that a run never touches
/// never needs its secret, and one that does reads it once.
/// </summary>
internal sealed class ResolvedOnce<T>(Func<CancellationToken, Task<T>> resolve)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private T? _value;
    private bool _resolved;

    public async ValueTask<T> GetAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _resolved))
        {
            return _value!;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_resolved)
            {
                _value = await resolve(cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref _resolved, true);
            }

            return _value!;
        }
        finally
        {
            _gate.Release();
        }
    }
}

namespace Reconciler.Daemon.Http;

/// <summary>
/// The webhook deliveries seen lately. By delivery ID, so GitHub's redeliveries trigger nothing twice; and by the
/// body's signature, because X-GitHub-Delivery is not signed: the same signed body under a new ID within
/// <c>replayWindow</c> is a replay. Bounded: oldest forgotten first.
/// </summary>
public sealed class DeliveryLog(int capacity = 4096, TimeSpan? replayWindow = null, TimeProvider? clock = null)
{
    public static readonly TimeSpan DefaultReplayWindow = TimeSpan.FromHours(24);

    private readonly Queue<string> _order = new();
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly Queue<(string Signature, DateTimeOffset At)> _bodyOrder = new();
    private readonly Dictionary<string, DateTimeOffset> _bodies = new(StringComparer.Ordinal);
    private readonly TimeSpan _window = replayWindow ?? DefaultReplayWindow;
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly Lock _gate = new();

    /// <summary>True the first time an ID is seen.</summary>
    public bool FirstTime(string id)
    {
        lock (_gate)
        {
            if (!_seen.Add(id))
            {
                return false;
            }

            _order.Enqueue(id);
            if (_order.Count > capacity)
            {
                _seen.Remove(_order.Dequeue());
            }

            return true;
        }
    }

    /// <summary>True when a body with this signature was taken within the replay window; otherwise records it and returns false.</summary>
    public bool IsReplay(string signature)
    {
        var now = _clock.GetUtcNow();
        lock (_gate)
        {
            while (_bodyOrder.TryPeek(out var oldest) && now - oldest.At > _window)
            {
                Forget();
            }

            if (_bodies.TryGetValue(signature, out var seen) && now - seen <= _window)
            {
                return true;
            }

            while (_bodyOrder.Count >= capacity)
            {
                Forget();
            }

            _bodies[signature] = now;
            _bodyOrder.Enqueue((signature, now));
            return false;
        }
    }

    private void Forget()
    {
        var (signature, at) = _bodyOrder.Dequeue();
        if (_bodies.TryGetValue(signature, out var last) && last == at)
        {
            _bodies.Remove(signature);
        }
    }
}

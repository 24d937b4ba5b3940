namespace Reconciler.Daemon.Http;

/// <summary>The last webhook delivery IDs seen, so GitHub's redeliveries trigger nothing twice. Bounded: oldest forgotten first.</summary>
public sealed class DeliveryLog(int capacity = 4096)
{
    private readonly Queue<string> _order = new();
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
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
}

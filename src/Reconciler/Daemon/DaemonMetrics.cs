using System.Globalization;
using System.Text;

namespace Reconciler.Daemon;

/// <summary>
/// The daemon's Prometheus metrics, written in the text exposition format by hand (no client library in the
/// registry copy): a reconcile-duration histogram, domain-state gauges, apply step counters, last-success times.
/// </summary>
public sealed class DaemonMetrics
{
    private static readonly double[] Buckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];
    private readonly Lock _gate = new();
    private readonly long[] _bucketCounts = new long[Buckets.Length];
    private readonly Dictionary<string, long> _steps = new(StringComparer.Ordinal) { ["succeeded"] = 0, ["failed"] = 0, ["skipped"] = 0 };
    private double _durationSum;
    private long _durationCount;
    private long _webhooks;
    private long _webhooksRejected;

    public DateTimeOffset? LastSuccessfulFetch { get; private set; }

    public DateTimeOffset? LastSuccessfulApply { get; private set; }

    public void ObserveReconcile(TimeSpan duration)
    {
        lock (_gate)
        {
            var s = duration.TotalSeconds;
            for (var i = 0; i < Buckets.Length; i++)
            {
                if (s <= Buckets[i])
                {
                    _bucketCounts[i]++;
                }
            }

            _durationSum += s;
            _durationCount++;
        }
    }

    public void CountSteps(string result, int count)
    {
        lock (_gate)
        {
            _steps[result] = _steps.GetValueOrDefault(result) + count;
        }
    }

    public void Fetched(DateTimeOffset at)
    {
        lock (_gate)
        {
            LastSuccessfulFetch = at;
        }
    }

    public void Applied(DateTimeOffset at)
    {
        lock (_gate)
        {
            LastSuccessfulApply = at;
        }
    }

    public void Webhook(bool accepted)
    {
        lock (_gate)
        {
            if (accepted)
            {
                _webhooks++;
            }
            else
            {
                _webhooksRejected++;
            }
        }
    }

    public string Render(StatusBoard board)
    {
        var o = new StringBuilder();
        lock (_gate)
        {
            o.Append("# HELP reconciler_reconcile_duration_seconds Duration of one reconcile pass (fetch, plan, apply, publish).\n");
            o.Append("# TYPE reconciler_reconcile_duration_seconds histogram\n");
            for (var i = 0; i < Buckets.Length; i++)
            {
                o.Append(CultureInfo.InvariantCulture, $"reconciler_reconcile_duration_seconds_bucket{{le=\"{Buckets[i].ToString(CultureInfo.InvariantCulture)}\"}} {_bucketCounts[i]}\n");
            }

            o.Append(CultureInfo.InvariantCulture, $"reconciler_reconcile_duration_seconds_bucket{{le=\"+Inf\"}} {_durationCount}\n");
            o.Append(CultureInfo.InvariantCulture, $"reconciler_reconcile_duration_seconds_sum {_durationSum.ToString("0.######", CultureInfo.InvariantCulture)}\n");
            o.Append(CultureInfo.InvariantCulture, $"reconciler_reconcile_duration_seconds_count {_durationCount}\n");

            o.Append("# HELP reconciler_apply_steps_total Apply steps by result.\n");
            o.Append("# TYPE reconciler_apply_steps_total counter\n");
            foreach (var (result, n) in _steps.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                o.Append(CultureInfo.InvariantCulture, $"reconciler_apply_steps_total{{result=\"{result}\"}} {n}\n");
            }

            o.Append("# HELP reconciler_webhooks_total Webhook deliveries by outcome.\n");
            o.Append("# TYPE reconciler_webhooks_total counter\n");
            o.Append(CultureInfo.InvariantCulture, $"reconciler_webhooks_total{{outcome=\"accepted\"}} {_webhooks}\n");
            o.Append(CultureInfo.InvariantCulture, $"reconciler_webhooks_total{{outcome=\"rejected\"}} {_webhooksRejected}\n");

            Timestamp(o, "reconciler_last_successful_fetch_timestamp_seconds", "Unix time of the last successful fetch of the tracked branch.", LastSuccessfulFetch);
            Timestamp(o, "reconciler_last_successful_apply_timestamp_seconds", "Unix time of the last apply that finished without failure.", LastSuccessfulApply);
        }

        o.Append("# HELP reconciler_domains Domains by state (this replica's shard only).\n");
        o.Append("# TYPE reconciler_domains gauge\n");
        foreach (var (label, states) in new (string, DomainStatus[])[]
                 {
                     ("in_sync", [DomainStatus.InSync]),
                     ("drifted", [DomainStatus.Drifted]),
                     ("failing", [DomainStatus.Failing, DomainStatus.Invalid]),
                     ("waiting", [DomainStatus.WaitingForApproval, DomainStatus.WaitingForWindow, DomainStatus.WaitingForCutover]),
                     ("pending", [DomainStatus.Pending]),
                 })
        {
            o.Append(CultureInfo.InvariantCulture, $"reconciler_domains{{state=\"{label}\"}} {states.Sum(board.Count)}\n");
        }

        o.Append("# HELP reconciler_up 1 while the daemon runs; 0 never appears (absence is the signal).\n");
        o.Append("# TYPE reconciler_up gauge\nreconciler_up 1\n");
        return o.ToString();
    }

    private static void Timestamp(StringBuilder o, string name, string help, DateTimeOffset? at)
    {
        if (at is null)
        {
            return;
        }

        o.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} gauge\n");
        o.Append(CultureInfo.InvariantCulture, $"{name} {(at.Value.ToUnixTimeMilliseconds() / 1000.0).ToString("0.###", CultureInfo.InvariantCulture)}\n");
    }
}

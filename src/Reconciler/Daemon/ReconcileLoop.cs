using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Reconciler.GitOps;

namespace Reconciler.Daemon;

/// <summary>
/// The background service: clone, then a reconcile pass every poll interval or as soon as a webhook asks. On
/// shutdown the stopping token reaches the executor, which finishes and journals the step in flight and stops there;
/// the next start notes the interrupted apply and converges from what is live.
/// </summary>
public sealed class ReconcileLoop(ReconcileEngine engine, ReconcileTrigger trigger, DaemonOptions options, StatusBoard board, ILogger<ReconcileLoop> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let Kestrel start first: /healthz answers while the first clone runs.
        await Task.Yield();
        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await engine.StartAsync(stoppingToken);
                break;
            }
            catch (GitException e)
            {
                board.LastFetchError = e.Message;
                log.LogError("Cannot clone {Repository}: {Error}; retrying in {Delay}", GitCli.Redact(options.RepositoryUrl), e.Message, delay);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.MaxBackoff.Ticks));
            }
        }

        log.LogInformation("Reconciling {Shard} of {Repository} ({Branch}) every {Poll}, drift checks every {Drift}", options.Shard, GitCli.Redact(options.RepositoryUrl), options.Branch, options.PollInterval, options.DriftInterval);
        var reason = "start";
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await engine.TickAsync(reason, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // One bad pass must not end the daemon: log it whole and try again next interval.
                log.LogError(e, "Reconcile pass failed");
            }

            try
            {
                reason = await trigger.WaitAsync(options.PollInterval, stoppingToken) ?? "poll";
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        log.LogInformation("Reconcile loop stopped");
    }
}

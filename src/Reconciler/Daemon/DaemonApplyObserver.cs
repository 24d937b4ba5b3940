using Microsoft.Extensions.Logging;
using Reconciler.Applying;
using Reconciler.Planning;

namespace Reconciler.Daemon;

/// <summary>Logs each step the daemon applies, one structured line each.</summary>
public sealed class DaemonApplyObserver(ILogger log) : IApplyObserver
{
    public void StepStarted(PlanStep step)
    {
    }

    public void StepFinished(PlanStep step, StepState state, string? error)
    {
        if (error is null)
        {
            log.LogInformation("{Domain} step {Index} {Action} {Resource}: {State}", step.Domain, step.Index, step.Action, step.ResourceId, state);
        }
        else
        {
            log.LogWarning("{Domain} step {Index} {Action} {Resource}: {State}: {Error}", step.Domain, step.Index, step.Action, step.ResourceId, state, error);
        }
    }

    public void StepSkipped(PlanStep step, string why) =>
        log.LogInformation("{Domain} step {Index} {Action} {Resource}: skipped ({Why})", step.Domain, step.Index, step.Action, step.ResourceId, why);
}

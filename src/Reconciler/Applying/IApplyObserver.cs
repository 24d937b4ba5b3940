using Reconciler.Planning;

namespace Reconciler.Applying;

/// <summary>Hears about each step as it runs, for progress displays and logs.</summary>
public interface IApplyObserver
{
    void StepStarted(PlanStep step);

    void StepFinished(PlanStep step, StepState state, string? error);

    void StepSkipped(PlanStep step, string why);
}

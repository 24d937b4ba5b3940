using Reconciler.Applying;
using Reconciler.Planning;

namespace Reconciler.Cli;

/// <summary>One line per step as it runs.</summary>
public sealed class ConsoleApplyObserver(TextWriter output, bool color) : IApplyObserver
{
    public void StepStarted(PlanStep step)
    {
    }

    public void StepFinished(PlanStep step, StepState state, string? error)
    {
        var mark = state == StepState.Succeeded ? Paint("✓", "32") : Paint("✗", "31");
        output.WriteLine($"  {mark} {step.Domain} {step.Index,3} {step.Action.ToString().ToLowerInvariant(),-6} {step.ResourceId}" + (error is null ? "" : $": {error}"));
    }

    public void StepSkipped(PlanStep step, string why) =>
        output.WriteLine($"  {Paint("·", "2")} {step.Domain} {step.Index,3} {step.Action.ToString().ToLowerInvariant(),-6} {step.ResourceId}: {why}");

    private string Paint(string text, string code) => color ? $"\u001b[{code}m{text}\u001b[0m" : text;
}

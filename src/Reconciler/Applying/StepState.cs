namespace Reconciler.Applying;

public enum StepState
{
    Started,
    Succeeded,
    Failed,
}

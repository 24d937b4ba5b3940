namespace Reconciler.Planning;

public enum StepAction
{
    Create,
    Update,
    Delete,
}

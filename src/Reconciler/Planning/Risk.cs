namespace Reconciler.Planning;

/// <summary>How much could break if the step is wrong: shown in plans so reviewers look where it matters.</summary>
public enum Risk
{
    Low,
    Medium,
    High,
}

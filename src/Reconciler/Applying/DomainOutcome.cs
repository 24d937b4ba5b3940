namespace Reconciler.Applying;

/// <summary>How one domain's part of an apply ended.</summary>
/// <param name="WaitingUntil">A staged step stopped the domain: come back after this time.</param>
/// <param name="FailedStep">The step that failed (its index), with <see cref="Error"/>.</param>
/// <param name="Stopped">A stop was requested (shutdown): <see cref="FailedStep"/> was not started, nothing failed;
/// applying again continues there.</param>
public sealed record DomainOutcome(string Domain, int Applied, int Skipped, DateTimeOffset? WaitingUntil, int? FailedStep, string? Error, bool Stopped = false)
{
    public bool Failed => Error is not null;
}

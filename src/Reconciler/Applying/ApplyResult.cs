namespace Reconciler.Applying;

/// <summary>The result of an apply: refused before touching anything, or the outcome per domain.</summary>
public sealed record ApplyResult(long? ApplyId, string? Refusal, IReadOnlyList<DomainOutcome> Domains)
{
    public bool Refused => Refusal is not null;

    public bool Failed => Refused || Domains.Any(d => d.Failed);

    public bool Waiting => Domains.Any(d => d.WaitingUntil is not null);

    public int Applied => Domains.Sum(d => d.Applied);
}

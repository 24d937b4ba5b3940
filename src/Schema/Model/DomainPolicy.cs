namespace Reconciler.Schema.Model;

public sealed record DomainPolicy(DriftAction OnDrift, ChangeWindow? ChangeWindow, bool CutoverWaitsForTtl)
{
    public static readonly DomainPolicy Default = new(DriftAction.Report, null, true);
}

namespace Reconciler.Posture.Reporting;

/// <summary>What one grid cell (a domain's area) shows: the worst severity, "ok", or "n/a".</summary>
public static class PostureCells
{
    public const string Ok = "ok";
    public const string NotApplicable = "n/a";

    public static string Label(DomainPosture domain, PostureArea area) =>
        domain.NotApplicable.Contains(area) && domain.Worst(area) is null
            ? NotApplicable
            : domain.Worst(area) is { } worst ? Label(worst) : Ok;

    public static string Label(FindingSeverity severity) => severity.ToString().ToLowerInvariant();

    public static string Location(ReportFinding f) => f.Location is { IsKnown: true } at ? at.ToString() : "";
}

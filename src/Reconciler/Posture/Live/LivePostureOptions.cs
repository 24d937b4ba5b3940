namespace Reconciler.Posture.Live;

/// <summary>What the live checks need besides DNS and HTTPS.</summary>
public sealed record LivePostureOptions
{
    /// <summary>Selectors probed for keys the manifest does not list. DNS cannot list a zone's selectors, so
    /// these are the names signers commonly use; keys under other names go unnoticed.</summary>
    public static IReadOnlyList<string> CommonSelectors { get; } =
        ["default", "dkim", "mail", "selector1", "selector2", "google", "k1", "k2", "s1", "s2", "key1", "key2", "mx", "smtp"];

    /// <summary>Today, to tell retired DKIM selectors (no longer expected in DNS) from retiring ones.</summary>
    public DateOnly Today { get; init; } = DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>safety.retireDkimAfterDays of the portfolio.</summary>
    public int RetireDkimAfterDays { get; init; } = 7;

    public IReadOnlyList<string> ProbeSelectors { get; init; } = CommonSelectors;
}

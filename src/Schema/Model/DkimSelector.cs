using Reconciler.Schema.Loading;

namespace Reconciler.Schema.Model;

/// <param name="PublicKey">Base64 key, whitespace removed; null when <paramref name="GeneratedByProvider"/>.</param>
/// <param name="RetiringSince">For a retiring selector, the day signing with it stopped; the key is removed from DNS
/// <see cref="SafetyLimits.RetireDkimAfterDays"/> days later (see <see cref="RetireOn"/>).</param>
public sealed record DkimSelector(
    string Selector,
    DkimKeyType Type,
    string? PublicKey,
    bool GeneratedByProvider,
    DkimState State,
    bool Testing,
    SourcePosition Position,
    DateOnly? RetiringSince = null)
{
    /// <summary>The first day the key may be removed from DNS: <see cref="RetiringSince"/> plus
    /// <paramref name="retireAfterDays"/>; null unless the selector is retiring with a date.</summary>
    public DateOnly? RetireOn(int retireAfterDays) =>
        State == DkimState.Retiring && RetiringSince is { } since ? since.AddDays(retireAfterDays) : null;

    /// <summary>True when the selector is retiring and its key's time in DNS is over on <paramref name="today"/>.</summary>
    public bool IsRetired(DateOnly today, int retireAfterDays) => RetireOn(retireAfterDays) is { } on && today >= on;
}

namespace Reconciler.Schema.Model;

/// <summary>Days and hours (in a time zone) when the daemon may apply.</summary>
public sealed record ChangeWindow(IReadOnlyList<DayOfWeek> Days, TimeOnly From, TimeOnly To, string TimeZone);

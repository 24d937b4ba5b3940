namespace Reconciler.Providers;

/// <summary>Why a route exists; shown in plans. Live routes read back from a mail system are just <see cref="Route"/>.</summary>
public enum RouteKind
{
    Route,
    Alias,
    Forward,
    ExternalForward,
    CatchAll,
}

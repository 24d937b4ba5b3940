namespace Reconciler.Providers;

/// <summary>
/// Mail for <see cref="Address"/> goes to <see cref="Targets"/> (aliases, forwards; <c>@domain</c> is the
/// catch-all). Targets are kept sorted and distinct so equal routes compare equal.
/// </summary>
public sealed record RouteResource : Resource
{
    public RouteResource(string address, IEnumerable<string> targets, RouteKind routeKind = RouteKind.Route)
    {
        Address = address.ToLowerInvariant();
        Targets = targets.Select(t => t.ToLowerInvariant()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        RouteKind = routeKind;
    }

    public string Address { get; }

    public IReadOnlyList<string> Targets { get; }

    public RouteKind RouteKind { get; }

    public bool IsCatchAll => Address.StartsWith('@');

    public override string Kind => "route";

    public override string Id => IsCatchAll ? $"catch-all {Address}" : $"route {Address}";

    public override string Describe() => "→ " + string.Join(", ", Targets) + RouteKind switch
    {
        RouteKind.ExternalForward => " (external forward)",
        RouteKind.Forward => " (forward)",
        RouteKind.Alias => " (alias)",
        _ => "",
    };

    public override bool SameAs(Resource? other) =>
        other is RouteResource r && r.Address == Address && r.Targets.SequenceEqual(Targets, StringComparer.Ordinal);
}

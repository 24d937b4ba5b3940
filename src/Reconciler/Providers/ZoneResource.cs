using Reconciler.Dns;

namespace Reconciler.Providers;

/// <summary>A zone that must exist before its records can (created with SOA and apex NS from provider settings).</summary>
public sealed record ZoneResource(DnsName Origin) : Resource
{
    public override string Kind => "zone";

    public override string Id => $"zone {Origin}";

    public override string Describe() => Origin.ToString();
}

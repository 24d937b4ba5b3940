using Reconciler.Schema.Loading;

namespace Reconciler.Schema.Model;

/// <summary>A named provider from reconciler.yaml. Settings stay a node: each provider kind reads its own.</summary>
public sealed record ProviderConfig(string Name, string Kind, MapNode Settings, int Parallelism, SourcePosition Position)
{
    public bool IsDns => Kind is ProviderKinds.ZoneFile or ProviderKinds.Rfc2136 or ProviderKinds.PowerDns;

    public bool IsMail => Kind is ProviderKinds.PostfixDovecot;

    public string? Setting(string key) => Settings[key] switch
    {
        StringNode s => s.Value,
        NumberNode n => n.ToJsonText(),
        BooleanNode b => b.Value ? "true" : "false",
        _ => null,
    };
}

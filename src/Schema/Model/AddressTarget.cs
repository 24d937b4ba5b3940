using Reconciler.Schema.Loading;

namespace Reconciler.Schema.Model;

/// <summary>A target as written (a local part or a full address) and where; <see cref="Address"/> is always full.</summary>
public sealed record AddressTarget(string Written, string Address, SourcePosition Position)
{
    public string Domain => Address[(Address.LastIndexOf('@') + 1)..];

    public string Local => Address[..Address.LastIndexOf('@')];
}

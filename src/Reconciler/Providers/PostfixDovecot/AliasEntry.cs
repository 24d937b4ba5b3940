namespace Reconciler.Providers.PostfixDovecot;

/// <summary>A <c>virtual_aliases</c> line: mail for the address (or <c>@domain</c>, the catch-all) goes to the targets.</summary>
internal sealed record AliasEntry(string Address, string Domain, IReadOnlyList<string> Targets) : StateEntry(Address, Domain)
{
    public bool IsCatchAll => Address.StartsWith('@');

    /// <summary>
    /// <c>alice@d alice@d</c>: keeps a catch-all from taking a real mailbox's mail (Postfix looks virtual_alias_maps up
    /// before virtual_mailbox_maps, so <c>@d</c> would otherwise match alice too).
    /// </summary>
    public bool IsIdentity => Targets.Count == 1 && Targets[0] == Address;

    public static AliasEntry Identity(string address, string domain) => new(address, domain, [address]);

    public string Render() => $"{Address} {string.Join(", ", Targets)}";
}

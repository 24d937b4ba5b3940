namespace Reconciler.Providers.PostfixDovecot;

/// <summary>
/// One entry of a state file. <see cref="Key"/> is the lower-cased lookup key (a domain, an address or <c>@domain</c>),
/// <see cref="Domain"/> the lower-cased domain it belongs to.
/// </summary>
internal abstract record StateEntry(string Key, string Domain);

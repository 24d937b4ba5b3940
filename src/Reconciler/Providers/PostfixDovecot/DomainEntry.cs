namespace Reconciler.Providers.PostfixDovecot;

/// <summary>A <c>virtual_domains</c> line: Postfix accepts mail for the domain (the value, usually OK, is ignored).</summary>
internal sealed record DomainEntry(string Name) : StateEntry(Name, Name);

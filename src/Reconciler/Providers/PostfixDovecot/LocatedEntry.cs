namespace Reconciler.Providers.PostfixDovecot;

/// <summary>An entry and where it is, for messages that send a person to the right line.</summary>
internal readonly record struct LocatedEntry(StateEntry Entry, string Path, int Line);

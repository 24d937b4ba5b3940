namespace Reconciler.Migration.Imap;

/// <summary>
/// What APPEND reported. With UIDPLUS, <see cref="Uids"/> holds the new UIDs in the order the messages were sent
/// (the n-th message has <c>Uids.ElementAt(n)</c>); without it both are empty/0.
/// </summary>
public sealed record ImapAppendResult(uint UidValidity, UidSet Uids);

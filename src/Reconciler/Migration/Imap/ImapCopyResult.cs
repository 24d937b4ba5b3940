namespace Reconciler.Migration.Imap;

/// <summary>COPYUID (UIDPLUS): source UIDs and the UIDs their copies got, matched by position; empty without UIDPLUS.</summary>
public sealed record ImapCopyResult(uint UidValidity, UidSet SourceUids, UidSet DestinationUids);

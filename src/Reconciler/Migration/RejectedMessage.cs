namespace Reconciler.Migration;

/// <summary>
/// A message the destination refused on its own (NO/BAD for that message, e.g. a keyword it cannot store). The rest
/// of the mailbox is copied; refused messages are tried again on every later run until they go through.
/// </summary>
public sealed record RejectedMessage(
    string SourceFolder, string DestinationFolder, uint UidValidity, uint Uid, string? MessageId, long Size, string Reason);

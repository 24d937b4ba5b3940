namespace Reconciler.Migration;

/// <summary>
/// How far one source folder has been copied into one destination folder. Written after each confirmed batch.
/// </summary>
/// <param name="UidValidity">The source folder's UIDVALIDITY the UIDs below belong to.</param>
/// <param name="LastUid">Every source message up to this UID is copied (or deliberately skipped).</param>
/// <param name="DestinationUidValidity">The destination folder's UIDVALIDITY when this was written (0: unknown).</param>
/// <param name="DestinationUidNext">Every destination message from this UID on may come from a batch whose
/// checkpoint was never written (a crash between the server's OK and the commit), so a resume compares those with
/// what it is about to copy. 0: unknown, compare with the whole folder.</param>
/// <param name="FullDeduplication">Set while a folder is being copied against existing destination content (first
/// copy into a non-empty folder, or after a UIDVALIDITY change): until the folder completes, every resume compares
/// with the whole destination folder.</param>
public sealed record FolderCheckpoint(
    string Mailbox,
    string SourceFolder,
    string DestinationFolder,
    uint UidValidity,
    uint LastUid,
    uint DestinationUidValidity,
    uint DestinationUidNext,
    bool FullDeduplication,
    long CopiedMessages,
    long CopiedBytes,
    bool Completed);

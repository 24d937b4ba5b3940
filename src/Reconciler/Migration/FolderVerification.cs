namespace Reconciler.Migration;

/// <summary>
/// One destination folder compared with the source folders mapped into it: counts, and the multiset of
/// (Message-ID or content hash, size). <see cref="Differences"/> is empty when they match.
/// </summary>
public sealed record FolderVerification(
    string DestinationFolder,
    IReadOnlyList<string> SourceFolders,
    int Expected,
    int Found,
    IReadOnlyList<KeyDifference> Differences)
{
    public bool Matches => Differences.Count == 0;

    public int Missing => Differences.Sum(d => d.Missing);

    public int Extra => Differences.Sum(d => d.Extra);
}

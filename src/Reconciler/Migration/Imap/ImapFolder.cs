namespace Reconciler.Migration.Imap;

/// <summary>
/// One LIST answer. <see cref="Name"/> is decoded from modified UTF-7 ("Archiv/Übersicht");
/// <see cref="EncodedName"/> is what went over the wire ("Archiv/&amp;ANw-bersicht").
/// </summary>
public sealed record ImapFolder(
    string Name,
    string EncodedName,
    char? Delimiter,
    ImapFolderAttributes Attributes,
    IReadOnlyList<string> RawAttributes)
{
    public bool IsSelectable => (Attributes & (ImapFolderAttributes.NoSelect | ImapFolderAttributes.NonExistent)) == 0;

    /// <summary>The RFC 6154 special-use part of <see cref="Attributes"/> (\All, \Sent, \Trash …), or None.</summary>
    public ImapFolderAttributes SpecialUse => Attributes & (ImapFolderAttributes.All | ImapFolderAttributes.Archive |
        ImapFolderAttributes.Drafts | ImapFolderAttributes.Flagged | ImapFolderAttributes.Junk |
        ImapFolderAttributes.Sent | ImapFolderAttributes.Trash | ImapFolderAttributes.Important);
}

namespace Reconciler.Providers.PostfixDovecot;

/// <summary>Set (or remove, <see cref="Line"/> null) the entry with <see cref="Key"/> in one state file.</summary>
internal readonly record struct FileEdit(MailStateFileKind File, string Key, StateLine? Line)
{
    public static FileEdit Set(StateEntry entry, string text) => new(FileOf(entry), entry.Key, new StateLine(text, entry));

    public static FileEdit Remove(MailStateFileKind file, string key) => new(file, key, null);

    public static MailStateFileKind FileOf(StateEntry entry) => entry switch
    {
        DomainEntry => MailStateFileKind.Domains,
        MailboxPathEntry => MailStateFileKind.Mailboxes,
        AliasEntry => MailStateFileKind.Aliases,
        PasswdEntry => MailStateFileKind.Passwd,
        _ => throw new ArgumentOutOfRangeException(nameof(entry)),
    };
}

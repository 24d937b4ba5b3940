using Reconciler.Schema.Model;

namespace Reconciler.Providers.PostfixDovecot;

/// <summary>
/// Turns one step into file edits, listed in the order the files must be written: a crash between two files then
/// leaves a state that loses no mail and that the reader reports (Dovecot learns a mailbox before Postfix accepts
/// mail for it, and Postfix stops accepting before Dovecot forgets it).
/// </summary>
internal static class DomainChanges
{
    public static IReadOnlyList<FileEdit> ForDomain(DomainView view, bool accept) =>
    [
        accept
            ? FileEdit.Set(new DomainEntry(view.Domain), $"{view.Domain} OK")
            : FileEdit.Remove(MailStateFileKind.Domains, view.Domain),
    ];

    public static IReadOnlyList<FileEdit> ForMailbox(DomainView view, string address, MailboxResource? after)
    {
        var alias = view.Aliases.GetValueOrDefault(address);
        var removeIdentity = alias is not null && view.IsHiddenIdentity(alias)
            ? FileEdit.Remove(MailStateFileKind.Aliases, address)
            : (FileEdit?)null;

        if (after is null)
        {
            return Ordered(
                removeIdentity,
                view.Mailboxes.ContainsKey(address) ? FileEdit.Remove(MailStateFileKind.Mailboxes, address) : null,
                FileEdit.Remove(MailStateFileKind.Passwd, address));
        }

        var entry = view.Passwd.TryGetValue(address, out var existing) ? existing.With(after) : PasswdEntry.Create(after);
        var passwd = FileEdit.Set(entry, entry.Render());

        // Offboarded mailboxes leave virtual_mailboxes: Postfix then refuses their mail (550 5.1.1 user unknown) or, when
        // the domain has a catch-all, hands it to the catch-all target, instead of filing it where nobody reads it. The
        // passwd entry stays, login disabled, so the retained Maildir keeps its owner until the mailbox is deleted.
        if (after.State == MailboxState.Offboarded)
        {
            return Ordered(
                removeIdentity,
                view.Mailboxes.ContainsKey(address) ? FileEdit.Remove(MailStateFileKind.Mailboxes, address) : null,
                passwd);
        }

        var path = view.Mailboxes.GetValueOrDefault(address)?.MaildirPath ?? MailboxPathEntry.DefaultPath(address);
        return Ordered(
            passwd,
            view.Mailboxes.ContainsKey(address) ? null : FileEdit.Set(new MailboxPathEntry(address, view.Domain, path), $"{address} {path}"),
            view.CatchAll is not null && alias is null ? SetAlias(AliasEntry.Identity(address, view.Domain)) : null);
    }

    public static IReadOnlyList<FileEdit> ForRoute(DomainView view, string address, RouteResource? after)
    {
        var isCatchAll = address.StartsWith('@');
        if (after is not null)
        {
            var entry = new AliasEntry(address, view.Domain, after.Targets);
            var edits = new List<FileEdit?> { SetAlias(entry) };
            if (isCatchAll)
            {
                // Pitfall P-11: with "@domain target", Postfix gives every real mailbox's mail to the target unless the
                // mailbox has a line of its own.
                edits.AddRange(view.Mailboxes.Keys.Where(m => !view.Aliases.ContainsKey(m)).Order(StringComparer.Ordinal)
                    .Select(m => (FileEdit?)SetAlias(AliasEntry.Identity(m, view.Domain))));
            }

            return Ordered([.. edits]);
        }

        if (isCatchAll)
        {
            var edits = new List<FileEdit?> { FileEdit.Remove(MailStateFileKind.Aliases, address) };
            edits.AddRange(view.Aliases.Values.Where(view.IsHiddenIdentity).Select(a => (FileEdit?)FileEdit.Remove(MailStateFileKind.Aliases, a.Address)));
            return Ordered([.. edits]);
        }

        return view.CatchAll is not null && view.Mailboxes.ContainsKey(address)
            ? Ordered(SetAlias(AliasEntry.Identity(address, view.Domain)))
            : Ordered(FileEdit.Remove(MailStateFileKind.Aliases, address));
    }

    private static FileEdit SetAlias(AliasEntry entry) => FileEdit.Set(entry, entry.Render());

    private static IReadOnlyList<FileEdit> Ordered(params FileEdit?[] edits) =>
        edits.Where(e => e is not null).Select(e => e!.Value).ToArray();
}

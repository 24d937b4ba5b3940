using Reconciler.Schema.Model;

namespace Reconciler.Providers.PostfixDovecot;

/// <summary>
/// Everything the four files say about one domain, checked for consistency when Postfix accepts the domain: each
/// mailbox Postfix accepts has a Dovecot entry and the other way round, and a catch-all never takes a real mailbox's
/// mail. <see cref="Live"/> is what <see cref="IMailProvider.ReadDomainAsync"/> returns.
/// </summary>
internal sealed class DomainView
{
    private readonly DomainEntry? _accepted;

    private DomainView(
        string domain,
        DomainEntry? accepted,
        Dictionary<string, PasswdEntry> passwd,
        Dictionary<string, MailboxPathEntry> mailboxes,
        Dictionary<string, AliasEntry> aliases)
    {
        Domain = domain;
        _accepted = accepted;
        Accepted = accepted is not null;
        Passwd = passwd;
        Mailboxes = mailboxes;
        Aliases = aliases;
        CatchAll = aliases.GetValueOrDefault("@" + domain);
        if (Accepted)
        {
            Live = new LiveMailDomain(
                domain,
                passwd.Values.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.ToResource()).ToArray(),
                aliases.Values.Where(a => !IsHiddenIdentity(a)).OrderBy(a => a.Address, StringComparer.Ordinal)
                    .Select(a => new RouteResource(a.Address, a.Targets)).ToArray());
        }
    }

    public string Domain { get; }

    /// <summary>The domain has a <c>virtual_domains</c> line (Postfix accepts mail for it).</summary>
    public bool Accepted { get; }

    public IReadOnlyDictionary<string, PasswdEntry> Passwd { get; }

    /// <summary>Addresses Postfix accepts mail for (<c>virtual_mailboxes</c>).</summary>
    public IReadOnlyDictionary<string, MailboxPathEntry> Mailboxes { get; }

    public IReadOnlyDictionary<string, AliasEntry> Aliases { get; }

    public AliasEntry? CatchAll { get; }

    /// <summary>The domain as the provider reports it; null when it is not accepted.</summary>
    public LiveMailDomain? Live { get; }

    /// <summary>True when no file has an entry of this domain besides (perhaps) its virtual_domains line.</summary>
    public bool HasNoMailboxesOrRoutes => Passwd.Count == 0 && Mailboxes.Count == 0 && Aliases.Count == 0;

    public static DomainView Empty(string domain) => new(domain, null, [], [], []);

    /// <summary>Every entry of this domain in all four files.</summary>
    public IEnumerable<StateEntry> Entries() =>
        (_accepted is null ? [] : new StateEntry[] { _accepted }).Concat(Passwd.Values).Concat(Mailboxes.Values).Concat(Aliases.Values);

    /// <summary>The identity line of a real mailbox is an implementation detail (pitfall P-11), never a route.</summary>
    public bool IsHiddenIdentity(AliasEntry alias) => alias.IsIdentity && Mailboxes.ContainsKey(alias.Address);

    /// <param name="locate">Where an entry is written, for the message when the files contradict each other.</param>
    /// <exception cref="MailStateException">The files contradict each other for this domain.</exception>
    public static DomainView Build(string domain, IEnumerable<StateEntry> entries, Func<StateEntry, (string Path, int Line)> locate)
    {
        DomainEntry? accepted = null;
        var passwd = new Dictionary<string, PasswdEntry>(StringComparer.Ordinal);
        var mailboxes = new Dictionary<string, MailboxPathEntry>(StringComparer.Ordinal);
        var aliases = new Dictionary<string, AliasEntry>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            switch (entry)
            {
                case DomainEntry d:
                    accepted = d;
                    break;
                case PasswdEntry p:
                    passwd[p.Key] = p;
                    break;
                case MailboxPathEntry m:
                    mailboxes[m.Key] = m;
                    break;
                case AliasEntry a:
                    aliases[a.Key] = a;
                    break;
            }
        }

        if (accepted is not null)
        {
            Check(domain, passwd, mailboxes, aliases, locate);
        }

        return new DomainView(domain, accepted, passwd, mailboxes, aliases);
    }

    private static void Check(
        string domain,
        Dictionary<string, PasswdEntry> passwd,
        Dictionary<string, MailboxPathEntry> mailboxes,
        Dictionary<string, AliasEntry> aliases,
        Func<StateEntry, (string Path, int Line)> locate)
    {
        var catchAll = aliases.ContainsKey("@" + domain);
        foreach (var m in mailboxes.Values)
        {
            if (!passwd.ContainsKey(m.Key))
            {
                Fail(locate(m), $"'{m.Key}' has no entry in passwd: Postfix would accept mail that Dovecot cannot deliver; add the passwd entry or remove this line");
            }

            if (catchAll && !aliases.ContainsKey(m.Key))
            {
                Fail(locate(m), $"'{m.Key}' has no line in virtual_aliases although @{domain} has a catch-all, so the catch-all would take its mail; add '{m.Key} {m.Key}' to virtual_aliases");
            }
        }

        foreach (var p in passwd.Values)
        {
            var accepting = p.State != MailboxState.Offboarded;
            if (accepting && !mailboxes.ContainsKey(p.Key))
            {
                Fail(locate(p), $"mailbox '{p.Key}' ({p.State.ToString().ToLowerInvariant()}) has no line in virtual_mailboxes, so Postfix would reject its mail; add '{p.Key} {MailboxPathEntry.DefaultPath(p.Key)}' to virtual_mailboxes");
            }

            if (!accepting && mailboxes.ContainsKey(p.Key))
            {
                Fail(locate(mailboxes[p.Key]), $"'{p.Key}' is offboarded (reason=offboarded in passwd) but still accepts mail; remove this line");
            }
        }
    }

    private static void Fail((string Path, int Line) at, string problem) => throw new MailStateException(at.Path, at.Line, problem);
}

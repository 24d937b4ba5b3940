namespace Reconciler.Providers.PostfixDovecot;

/// <summary>The four files of a postfix-dovecot state folder; the value order is the order they are read in.</summary>
internal enum MailStateFileKind
{
    /// <summary><c>virtual_domains</c>: Postfix virtual_mailbox_domains source map, <c>domain OK</c>.</summary>
    Domains,

    /// <summary><c>virtual_mailboxes</c>: virtual_mailbox_maps source, <c>address domain/local/</c>.</summary>
    Mailboxes,

    /// <summary><c>virtual_aliases</c>: virtual_alias_maps source, <c>address target, target</c>.</summary>
    Aliases,

    /// <summary><c>passwd</c>: Dovecot passwd-file, <c>user:password:uid:gid:gecos:home:shell:extra_fields</c>.</summary>
    Passwd,
}

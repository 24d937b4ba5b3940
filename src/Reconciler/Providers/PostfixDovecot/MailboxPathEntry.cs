namespace Reconciler.Providers.PostfixDovecot;

/// <summary>A <c>virtual_mailboxes</c> line: Postfix accepts mail for the address; the value is its maildir path.</summary>
internal sealed record MailboxPathEntry(string Address, string Domain, string MaildirPath) : StateEntry(Address, Domain)
{
    /// <summary>The maildir path relative to virtual_mailbox_base, as Postfix's virtual(8) would use it.</summary>
    public static string DefaultPath(string address)
    {
        var at = address.LastIndexOf('@');
        return $"{address[(at + 1)..]}/{address[..at]}/";
    }
}

namespace Reconciler.Migration.Imap;

/// <summary>How the connection to the IMAP server is protected.</summary>
public enum ImapSecurity
{
    /// <summary>Plain TCP. Only for loopback tests or a trusted private network.</summary>
    None,

    /// <summary>TLS from the first byte (the "imaps" port, usually 993).</summary>
    ImplicitTls,

    /// <summary>Plain TCP, then STARTTLS before anything else; refuses to go on when the server does not offer it.</summary>
    StartTls,
}

using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Reconciler.Migration.Imap;

/// <summary>Where and how to connect. Certificates are validated against the system trust store unless told otherwise.</summary>
public sealed record ImapClientOptions
{
    public required string Host { get; init; }

    public required int Port { get; init; }

    public ImapSecurity Security { get; init; } = ImapSecurity.ImplicitTls;

    /// <summary>Name the certificate must carry and SNI to send; defaults to <see cref="Host"/>.</summary>
    public string? TlsServerName { get; init; }

    /// <summary>
    /// Extra root CAs to trust for this connection only, instead of the system store (e.g. a private or test CA).
    /// The chain and host name are still checked.
    /// </summary>
    public X509Certificate2Collection? TrustedCertificateAuthorities { get; init; }

    /// <summary>
    /// Revocation checking. A private CA usually has no CRL/OCSP, so callers trusting one typically say NoCheck
    /// explicitly.
    /// </summary>
    public X509RevocationMode CertificateRevocation { get; init; } = X509RevocationMode.Online;

    /// <summary>
    /// Full control over certificate validation (gets the errors the platform found). Replaces the default check,
    /// so it must be written with care; there is deliberately no "accept anything" switch.
    /// </summary>
    public RemoteCertificateValidationCallback? ServerCertificateValidation { get; init; }

    /// <summary>Covers TCP connect, TLS handshake and the greeting.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Inactivity limit once connected: a read fails when the server sends nothing for this long while an answer is
    /// awaited (the greeting, a continuation or a command's response), and a write fails when the server accepts
    /// nothing for this long. It applies per read and per write, not per command, so a large literal may take as long
    /// as it needs while bytes keep flowing; a connection with nothing in flight may stay silent. The failure is a
    /// retryable <see cref="ImapConnectionLostException"/> (with <see cref="ImapConnectionLostException.InactivityTimeout"/>
    /// set) and the connection is closed. <see cref="Timeout.InfiniteTimeSpan"/> turns it off.
    /// </summary>
    public TimeSpan ReadTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>How error messages name the server, e.g. "source server" (followed by host:port); "IMAP server" by default.</summary>
    public string Role { get; init; } = "IMAP server";

    public IImapProtocolLogger? ProtocolLogger { get; init; }
}

using System.Security.Cryptography.X509Certificates;
using Reconciler.Migration.Imap;

namespace Reconciler.Migration;

/// <summary>One side of a job: where the IMAP server is and how to reach it safely.</summary>
public sealed record MigrationServer
{
    public required string Host { get; init; }

    public required int Port { get; init; }

    public ImapSecurity Security { get; init; } = ImapSecurity.ImplicitTls;

    /// <summary>Absolute path of a PEM bundle of CAs to trust instead of the system store.</summary>
    public string? CaFile { get; init; }

    public X509RevocationMode Revocation { get; init; } = X509RevocationMode.Online;

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the server may stay silent while an answer is awaited (or not accept data) before the
    /// connection counts as lost and the mailbox is retried.</summary>
    public TimeSpan ReadTimeout { get; init; } = TimeSpan.FromSeconds(120);

    public MasterLogin? Master { get; init; }

    public override string ToString() => $"{Host}:{Port}";

    public ImapClientOptions ClientOptions()
    {
        X509Certificate2Collection? trusted = null;
        if (CaFile is not null)
        {
            trusted = [];
            trusted.ImportFromPemFile(CaFile);
        }

        return new ImapClientOptions
        {
            Host = Host,
            Port = Port,
            Security = Security,
            TrustedCertificateAuthorities = trusted,
            CertificateRevocation = Revocation,
            ConnectTimeout = ConnectTimeout,
            ReadTimeout = ReadTimeout,
        };
    }
}

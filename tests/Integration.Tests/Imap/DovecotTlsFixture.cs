using System.Security.Cryptography.X509Certificates;
using Reconciler.Migration.Imap;

namespace Reconciler.Integration.Tests.Imap;

/// <summary>Dovecot with <c>ssl = yes</c>: a certificate from a test CA on an imaps port, and STARTTLS on the plain port.</summary>
public sealed class DovecotTlsFixture : IAsyncLifetime
{
    public TestCertificates Certificates { get; } = TestCertificates.Create();

    public DovecotServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await DovecotServer.StartAsync(Certificates);

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Certificates.Dispose();
    }

    /// <summary>Trusts the test CA only (it publishes no revocation list, hence NoCheck, said explicitly).</summary>
    public ImapClientOptions Options(ImapSecurity security, string? serverName = null) => new()
    {
        Host = "127.0.0.1",
        Port = security == ImapSecurity.ImplicitTls ? Server.ImapsPort!.Value : Server.ImapPort,
        Security = security,
        TlsServerName = serverName,
        TrustedCertificateAuthorities = [X509CertificateLoader.LoadCertificate(Certificates.Authority.RawData)],
        CertificateRevocation = X509RevocationMode.NoCheck,
    };
}

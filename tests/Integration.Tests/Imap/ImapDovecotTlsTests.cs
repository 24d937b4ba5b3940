using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Reconciler.Migration.Imap;

namespace Reconciler.Integration.Tests.Imap;

[Collection(DovecotTlsCollection.Name)]
public sealed class ImapDovecotTlsTests(DovecotTlsFixture dovecot)
{
    [Theory]
    [InlineData(ImapSecurity.ImplicitTls, null)]
    [InlineData(ImapSecurity.ImplicitTls, "localhost")]
    [InlineData(ImapSecurity.StartTls, null)]
    public async Task Logs_in_over_tls_when_the_test_ca_is_trusted(ImapSecurity security, string? serverName)
    {
        var (user, password) = await dovecot.Server.CreateUserAsync();
        await using var client = new ImapClient(dovecot.Options(security, serverName));
        await client.ConnectAsync();
        client.Capabilities.StartTls.Should().BeFalse("STARTTLS is not offered again inside TLS");
        await client.LoginAsync(user, password);
        await client.AppendAsync("INBOX", ImapAppendMessage.FromBytes(TestMessages.Small(1, "<tls@example.test>")));
        (await client.SelectAsync("INBOX")).Exists.Should().Be(1);
        await client.LogoutAsync();
        dovecot.Server.LogText.Should().Contain("TLS");
    }

    [Fact]
    public async Task The_plain_port_advertises_starttls_before_the_upgrade()
    {
        await using var client = new ImapClient(dovecot.Options(ImapSecurity.None));
        await client.ConnectAsync();
        client.Capabilities.StartTls.Should().BeTrue();
    }

    [Theory]
    [InlineData(ImapSecurity.ImplicitTls)]
    [InlineData(ImapSecurity.StartTls)]
    public async Task An_untrusted_ca_is_rejected(ImapSecurity security)
    {
        using var other = TestCertificates.Create("Some Other CA");
        var options = dovecot.Options(security) with
        {
            TrustedCertificateAuthorities = [X509CertificateLoader.LoadCertificate(other.Authority.RawData)],
        };
        await using var client = new ImapClient(options);
        var error = (await client.Awaiting(c => c.ConnectAsync()).Should().ThrowAsync<ImapTlsException>()).Which;
        error.Message.Should().Contain("not trusted").And.Contain("TrustedCertificateAuthorities");
        error.IsRetryable.Should().BeFalse();
        client.IsConnected.Should().BeFalse();
    }

    [Fact]
    public async Task The_system_trust_store_does_not_know_the_test_ca()
    {
        var options = dovecot.Options(ImapSecurity.ImplicitTls) with
        {
            TrustedCertificateAuthorities = null, CertificateRevocation = X509RevocationMode.NoCheck,
        };
        await using var client = new ImapClient(options);
        await client.Awaiting(c => c.ConnectAsync()).Should().ThrowAsync<ImapTlsException>();
    }

    [Fact]
    public async Task Revocation_is_checked_by_default_and_a_ca_without_crl_says_what_to_set()
    {
        var options = dovecot.Options(ImapSecurity.ImplicitTls) with { CertificateRevocation = new ImapClientOptions
        {
            Host = "x", Port = 1,
        }.CertificateRevocation };
        options.CertificateRevocation.Should().Be(X509RevocationMode.Online);
        await using var client = new ImapClient(options);
        var error = (await client.Awaiting(c => c.ConnectAsync()).Should().ThrowAsync<ImapTlsException>()).Which;
        error.Message.Should().Contain("RevocationStatusUnknown").And.Contain("CertificateRevocation = NoCheck");
    }

    [Fact]
    public async Task A_name_the_certificate_does_not_carry_is_rejected()
    {
        await using var client = new ImapClient(dovecot.Options(ImapSecurity.ImplicitTls, "mail.example.test"));
        var error = (await client.Awaiting(c => c.ConnectAsync()).Should().ThrowAsync<ImapTlsException>()).Which;
        error.Message.Should().Contain(nameof(SslPolicyErrors.RemoteCertificateNameMismatch));
    }

    [Fact]
    public async Task A_custom_validation_callback_sees_the_certificate_and_decides()
    {
        var seen = new List<string>();
        var pinned = dovecot.Certificates.Server.Thumbprint;
        var options = dovecot.Options(ImapSecurity.ImplicitTls) with
        {
            TrustedCertificateAuthorities = null,
            ServerCertificateValidation = (_, certificate, _, _) =>
            {
                seen.Add(certificate!.Subject);
                return certificate is X509Certificate2 c && c.Thumbprint == pinned; // pinning
            },
        };
        await using var client = new ImapClient(options);
        await client.ConnectAsync();
        seen.Should().Equal("CN=localhost");
    }

    [Fact]
    public async Task Starttls_refuses_a_server_that_does_not_offer_it()
    {
        await using var plain = await DovecotServer.StartAsync();
        await using var client = new ImapClient(new ImapClientOptions
        {
            Host = "127.0.0.1", Port = plain.ImapPort, Security = ImapSecurity.StartTls,
        });
        var error = (await client.Awaiting(c => c.ConnectAsync()).Should().ThrowAsync<ImapTlsException>()).Which;
        error.Message.Should().Contain("does not offer STARTTLS");
    }
}

using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Reconciler.Migration.Imap;

/// <summary>
/// The TLS handshake with certificate validation on: the system trust store by default, or only the CAs the
/// options name, or the caller's own callback. Never "accept anything".
/// </summary>
internal static class ImapTls
{
    public static async Task<SslStream> AuthenticateAsync(Stream inner, ImapClientOptions options, CancellationToken ct)
    {
        var serverName = options.TlsServerName ?? options.Host;
        SslPolicyErrors? seenErrors = null;
        string? chainProblems = null;
        var ssl = new SslStream(inner, leaveInnerStreamOpen: false);
        var sslOptions = new SslClientAuthenticationOptions
        {
            TargetHost = serverName,
            CertificateRevocationCheckMode = options.CertificateRevocation,
        };

        if (options.TrustedCertificateAuthorities is { Count: > 0 } roots)
        {
            var policy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = options.CertificateRevocation,
            };
            policy.CustomTrustStore.AddRange(roots);
            sslOptions.CertificateChainPolicy = policy;
        }

        var custom = options.ServerCertificateValidation;
        sslOptions.RemoteCertificateValidationCallback = (sender, certificate, chain, errors) =>
        {
            seenErrors = errors;
            chainProblems = chain is null
                ? null
                : string.Join(", ", chain.ChainStatus.Select(s => s.Status.ToString()).Distinct());
            return custom is not null ? custom(sender, certificate, chain, errors) : errors == SslPolicyErrors.None;
        };

        try
        {
            await ssl.AuthenticateAsClientAsync(sslOptions, ct).ConfigureAwait(false);
            return ssl;
        }
        catch (AuthenticationException ex)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            if (seenErrors is { } errors && errors != SslPolicyErrors.None)
            {
                var detail = string.IsNullOrEmpty(chainProblems) ? "" : $" ({chainProblems})";
                var revocationOnly = chainProblems is not null && errors == SslPolicyErrors.RemoteCertificateChainErrors &&
                    chainProblems.Split(", ").All(p => p is nameof(X509ChainStatusFlags.RevocationStatusUnknown)
                        or nameof(X509ChainStatusFlags.OfflineRevocation));
                var advice = revocationOnly
                    ? "Its revocation status could not be checked; for a private CA without CRL or OCSP set " +
                      $"{nameof(ImapClientOptions)}.{nameof(ImapClientOptions.CertificateRevocation)} = NoCheck."
                    : "Fix the server certificate, or trust its CA with " +
                      $"{nameof(ImapClientOptions)}.{nameof(ImapClientOptions.TrustedCertificateAuthorities)}.";
                throw new ImapTlsException(
                    $"The certificate of the IMAP server {options.Host}:{options.Port} is not trusted for '{serverName}': " +
                    $"{errors}{detail}. {advice}",
                    ex);
            }

            throw new ImapTlsException(
                $"The TLS handshake with the IMAP server {options.Host}:{options.Port} failed: {ex.Message}", ex);
        }
        catch
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}

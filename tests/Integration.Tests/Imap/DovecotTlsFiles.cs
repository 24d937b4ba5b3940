namespace Reconciler.Integration.Tests.Imap;

/// <summary>PEM files Dovecot reads with <c>ssl_cert = &lt;path</c> and <c>ssl_key = &lt;path</c>.</summary>
public sealed record DovecotTlsFiles(string CertificatePath, string KeyPath);

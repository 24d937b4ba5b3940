using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Reconciler.Tests.Shared;

/// <summary>
/// An HTTPS server on 127.0.0.1 (Kestrel) serving MTA-STS policy files, with a certificate from a test CA made in
/// the test (CertificateRequest). Policies are keyed by host name; a host may instead answer with a redirect, another
/// media type, a status code or an oversized body, to exercise what senders refuse.
/// </summary>
public sealed class MtaStsTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private MtaStsTestServer(WebApplication app, X509Certificate2 ca, int port, string caPem)
    {
        _app = app;
        Ca = ca;
        Port = port;
        CaPem = caPem;
    }

    /// <summary>What a host answers at /.well-known/mta-sts.txt.</summary>
    public sealed record Response(string Body, string ContentType = "text/plain", int Status = 200, string? Location = null);

    public X509Certificate2 Ca { get; }

    /// <summary>The CA certificate in PEM, for --ca-file.</summary>
    public string CaPem { get; }

    public int Port { get; }

    public string Endpoint => $"127.0.0.1:{Port}";

    /// <summary>Starts the server; the certificate is valid for every host in <paramref name="responses"/> plus
    /// <paramref name="extraNames"/>.</summary>
    public static async Task<MtaStsTestServer> StartAsync(IReadOnlyDictionary<string, Response> responses, params string[] extraNames)
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Reconciler Test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        using var caWithKey = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));

        using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var leafRequest = new CertificateRequest("CN=mta-sts test", leafKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in responses.Keys.Concat(extraNames))
        {
            san.AddDnsName(name);
        }

        leafRequest.CertificateExtensions.Add(san.Build());
        leafRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        leafRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var leafPublic = leafRequest.Create(caWithKey, now.AddDays(-1), now.AddDays(30), RandomNumberGenerator.GetBytes(8));
        using var leafWithKey = leafPublic.CopyWithPrivateKey(leafKey);
        // Through PKCS#12 so that SslStream on Linux gets a key it can use.
        var leaf = X509CertificateLoader.LoadPkcs12(leafWithKey.Export(X509ContentType.Pkcs12), null);
        var ca = X509CertificateLoader.LoadCertificate(caWithKey.Export(X509ContentType.Cert));

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(leaf)));
        var app = builder.Build();
        var byHost = new Dictionary<string, Response>(responses, StringComparer.OrdinalIgnoreCase);
        app.MapGet("/.well-known/mta-sts.txt", (HttpContext context) =>
        {
            if (!byHost.TryGetValue(context.Request.Host.Host, out var r))
            {
                return Results.NotFound();
            }

            if (r.Location is not null)
            {
                context.Response.Headers.Location = r.Location;
            }

            return Results.Text(r.Body, r.ContentType, null, r.Status);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        return new MtaStsTestServer(app, ca, port, ca.ExportCertificatePem());
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Ca.Dispose();
    }
}

using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Reconciler.Posture.MtaSts;

/// <summary>
/// Fetches https://mta-sts.&lt;domain&gt;/.well-known/mta-sts.txt as a sending MTA does (RFC 8461 §3.3): HTTPS with
/// a certificate valid for the host, no redirects, status 200, at most 64 KiB. The host is resolved through the
/// posture resolver, so live checks ask the same DNS server for everything.
/// </summary>
public sealed class MtaStsPolicyFetcher : IDisposable
{
    private readonly IPostureResolver _resolver;
    private readonly MtaStsFetchOptions _options;
    private readonly HttpClient _http;

    public MtaStsPolicyFetcher(IPostureResolver resolver, MtaStsFetchOptions? options = null)
    {
        _resolver = resolver;
        _options = options ?? new MtaStsFetchOptions();
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            ConnectTimeout = _options.Timeout,
            ConnectCallback = ConnectAsync,
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = ValidateCertificate },
        };
        _http = new HttpClient(handler) { Timeout = _options.Timeout };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("reconciler-posture/1");
    }

    public static string PolicyUrl(string domain) => $"https://mta-sts.{DomainNames.Normalize(domain)}/.well-known/mta-sts.txt";

    public async Task<MtaStsPolicyFetch> FetchAsync(string domain, CancellationToken cancellationToken)
    {
        var url = PolicyUrl(domain);
        var findings = new List<PostureFinding>();
        try
        {
            using var response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (status is >= 300 and < 400)
            {
                var to = response.Headers.Location is { } location ? $" to {location}" : "";
                return Failed(url, PostureCatalogue.MtaStsPolicyRedirect.Report($"{url} redirects{to} (HTTP {status}); senders do not follow it"));
            }

            if (response.StatusCode != HttpStatusCode.OK)
            {
                return Failed(url, PostureCatalogue.MtaStsPolicyUnavailable.Report($"{url} answered HTTP {status.ToString(CultureInfo.InvariantCulture)}"));
            }

            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if (!string.Equals(mediaType, "text/plain", StringComparison.OrdinalIgnoreCase))
            {
                findings.Add(PostureCatalogue.MtaStsPolicyMediaType.Report($"{url} is served as {mediaType ?? "no media type"}"));
            }

            var body = await ReadLimitedAsync(response.Content, cancellationToken).ConfigureAwait(false);
            if (body is null)
            {
                return Failed(url, PostureCatalogue.MtaStsPolicyUnavailable.Report($"{url} is larger than {MtaStsFetchOptions.MaxPolicyBytes / 1024} KiB"));
            }

            return new MtaStsPolicyFetch(url, Encoding.UTF8.GetString(body), findings);
        }
        catch (HttpRequestException e)
        {
            return Failed(url, PostureCatalogue.MtaStsPolicyUnavailable.Report($"{url}: {Describe(e)}"));
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed(url, PostureCatalogue.MtaStsPolicyUnavailable.Report($"{url} did not answer within {_options.Timeout.TotalSeconds:0.#} s"));
        }
    }

    public void Dispose() => _http.Dispose();

    private static MtaStsPolicyFetch Failed(string url, PostureFinding finding) => new(url, null, [finding]);

    private static async Task<byte[]?> ReadLimitedAsync(HttpContent content, CancellationToken ct)
    {
        await using var stream = await content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MtaStsFetchOptions.MaxPolicyBytes)
            {
                return null;
            }
        }

        return buffer.ToArray();
    }

    /// <summary>The innermost useful reason: a certificate problem, a refused connection, a name without address.</summary>
    private static string Describe(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is AuthenticationException or SocketException or MtaStsConnectException)
            {
                return inner.Message;
            }
        }

        return e.Message;
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        IReadOnlyList<IPEndPoint> endpoints;
        if (_options.ConnectTo.TryGetValue(host, out var target))
        {
            endpoints = [IPEndPoint.TryParse(target, out var ep) && ep.Port != 0
                ? ep
                : throw new MtaStsConnectException($"the address given for {host} ('{target}') is not address:port")];
        }
        else
        {
            var a = await _resolver.LookupAAsync(host, ct).ConfigureAwait(false);
            var aaaa = await _resolver.LookupAaaaAsync(host, ct).ConfigureAwait(false);
            endpoints = a.Records.Concat(aaaa.Records).Select(ip => new IPEndPoint(ip, context.DnsEndPoint.Port)).ToList();
            if (endpoints.Count == 0)
            {
                var why = a.Status == LookupStatus.Failure ? a.Error : aaaa.Status == LookupStatus.Failure ? aaaa.Error : "it has no A or AAAA record";
                throw new MtaStsConnectException($"cannot resolve {host}: {why}");
            }
        }

        SocketException? last = null;
        foreach (var endpoint in endpoints)
        {
            var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(endpoint, ct).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
        }

        throw new MtaStsConnectException($"cannot connect to {host} at {string.Join(", ", endpoints)}: {last!.Message}");
    }

    private bool ValidateCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (_options.TrustedRoots is not { } roots)
        {
            return errors == SslPolicyErrors.None;
        }

        // A private CA: the name must still match; the chain must end at one of the configured roots.
        if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
        {
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        foreach (var root in roots)
        {
            custom.ChainPolicy.CustomTrustStore.Add(root);
        }

        if (chain is not null)
        {
            foreach (var element in chain.ChainElements)
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        using var leaf = new X509Certificate2(certificate);
        return custom.Build(leaf);
    }
}

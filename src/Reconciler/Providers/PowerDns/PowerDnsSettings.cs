using Reconciler.Dns;
using Reconciler.Schema.Model;
using Reconciler.Secrets;

namespace Reconciler.Providers.PowerDns;

/// <summary>
/// Settings of a <c>powerdns</c> provider in reconciler.yaml: the API <c>url</c> (e.g. <c>http://127.0.0.1:8081</c>),
/// <c>serverId</c> (default <c>localhost</c>), the <c>apiKey</c> secret reference, and <c>createZones</c>.
/// <see cref="NameServers"/> (the NS of zones it creates) is optional; without it PowerDNS creates a zone with only
/// its default SOA.
/// </summary>
public sealed record PowerDnsSettings(Uri Url, SecretReference ApiKey)
{
    public string ServerId { get; init; } = "localhost";

    public bool CreateZones { get; init; }

    public IReadOnlyList<DnsName> NameServers { get; init; } = [];

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <exception cref="ProviderException">A setting is missing or malformed; the message gives file and line.</exception>
    public static PowerDnsSettings FromConfig(ProviderConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var s = new ProviderSettings(config);
        var urlText = s.RequiredString("url");
        if (!Uri.TryCreate(urlText, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw s.Invalid("url", $"'{urlText}' is not an http:// or https:// URL");
        }

        SecretReference apiKey;
        try
        {
            apiKey = SecretReference.Parse(s.RequiredString("apiKey"));
        }
        catch (SecretException ex)
        {
            throw s.Invalid("apiKey", ex.Message);
        }

        var nameServers = new List<DnsName>();
        foreach (var text in s.Strings("nameServers"))
        {
            try
            {
                nameServers.Add(DnsName.Parse(text.EndsWith('.') ? text : text + "."));
            }
            catch (DnsFormatException ex)
            {
                throw s.Invalid("nameServers", ex.Reason);
            }
        }

        return new PowerDnsSettings(url, apiKey)
        {
            ServerId = s.String("serverId") ?? "localhost",
            CreateZones = s.Boolean("createZones") ?? false,
            NameServers = nameServers,
        };
    }
}

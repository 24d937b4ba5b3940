using Reconciler.Dns.Client;
using Reconciler.Schema.Model;
using Reconciler.Secrets;

namespace Reconciler.Providers.Rfc2136;

/// <summary>
/// Settings of an <c>rfc2136</c> provider in reconciler.yaml: the primary <c>server</c> taking AXFR and UPDATE, the
/// <c>tsigKey</c> reference, the <c>nameServers</c> each change is verified on (default: the zone's apex NS, port
/// 53), <c>timeoutSeconds</c> per query and <c>verifyDeadlineSeconds</c> for every name server to serve a change.
/// </summary>
public sealed record Rfc2136Settings(DnsServerAddress Server)
{
    public SecretReference? TsigKey { get; init; }

    public IReadOnlyList<DnsServerAddress> NameServers { get; init; } = [];

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan VerifyDeadline { get; init; } = TimeSpan.FromSeconds(30);

    /// <exception cref="ProviderException">A setting is missing or malformed; the message gives file and line.</exception>
    public static Rfc2136Settings FromConfig(ProviderConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var s = new ProviderSettings(config);
        return new Rfc2136Settings(Address(s, "server", s.RequiredString("server")))
        {
            TsigKey = s.String("tsigKey") is { } key ? Reference(s, key) : null,
            NameServers = s.Strings("nameServers").Select(n => Address(s, "nameServers", n)).ToList(),
            Timeout = TimeSpan.FromSeconds(s.Number("timeoutSeconds") ?? 2),
            VerifyDeadline = TimeSpan.FromSeconds(s.Number("verifyDeadlineSeconds") ?? 30),
        };
    }

    private static DnsServerAddress Address(ProviderSettings s, string key, string text)
    {
        try
        {
            return DnsServerAddress.Parse(text);
        }
        catch (FormatException ex)
        {
            throw s.Invalid(key, ex.Message);
        }
    }

    private static SecretReference Reference(ProviderSettings s, string text)
    {
        try
        {
            return SecretReference.Parse(text);
        }
        catch (SecretException ex)
        {
            throw s.Invalid("tsigKey", ex.Message);
        }
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Reconciler.Dns;
using Reconciler.Dns.Records;
using Reconciler.Schema.Model;
using Reconciler.Secrets;

namespace Reconciler.Providers.PowerDns;

/// <summary>
/// PowerDNS Authoritative through its HTTP API (<c>/api/v1/servers/{id}/zones</c>): zones are read with GET and
/// each step is one PATCH of one RRset (changetype REPLACE or DELETE). The API has no conditional PATCH, so the
/// RRset is read just before and compared with what the plan read: a hand change in between fails the step with
/// <see cref="ChangedSincePlanException"/> (a change landing in the milliseconds between that read and the PATCH
/// cannot be caught). Record types PowerDNS knows but this tool does not (HINFO, SSHFP…) are left out of the
/// live zone: they cannot be represented here, and they are not managed.
/// </summary>
public sealed class PowerDnsProvider : IDnsProvider, IDisposable
{
    private readonly PowerDnsSettings _settings;
    private readonly HttpClient _http;
    private readonly ResolvedOnce<string> _apiKey;
    private readonly string _zonesPath;

    /// <param name="apiKey">The X-API-Key value (resolved from <see cref="PowerDnsSettings.ApiKey"/>); never shown.</param>
    /// <param name="handler">The HTTP handler; a fresh <see cref="SocketsHttpHandler"/> when null.</param>
    public PowerDnsProvider(string name, PowerDnsSettings settings, string apiKey, HttpMessageHandler? handler = null)
        : this(name, settings, _ => Task.FromResult(apiKey), handler)
    {
        ArgumentException.ThrowIfNullOrEmpty(apiKey);
    }

    private PowerDnsProvider(string name, PowerDnsSettings settings, Func<CancellationToken, Task<string>> apiKey, HttpMessageHandler? handler)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(settings);
        Name = name;
        _settings = settings;
        _apiKey = new ResolvedOnce<string>(apiKey);
        _http = new HttpClient(handler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }, disposeHandler: handler is null)
        {
            BaseAddress = new Uri(settings.Url.ToString().TrimEnd('/') + "/"),
            Timeout = settings.Timeout,
        };
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        _zonesPath = $"api/v1/servers/{Uri.EscapeDataString(settings.ServerId)}/zones";
    }

    public string Name { get; }

    public IReadOnlySet<RecordType> ManagedTypes => DnsStep.ManagedTypes;

    /// <summary>
    /// The provider for a reconciler.yaml entry (the <see cref="Providers.ProviderSet"/> factory signature). Settings
    /// are checked now; the API key is read through its secret reference on first use.
    /// </summary>
    /// <exception cref="ProviderException">A setting is missing or malformed.</exception>
    public static PowerDnsProvider FromConfig(ProviderConfig provider, PortfolioConfig portfolio) =>
        FromConfig(provider, portfolio.Directory);

    /// <param name="baseDirectory">What relative <c>file:</c> references are relative to (reconciler.yaml's folder).</param>
    /// <param name="environment">Looks up <c>env:</c> references; the process environment when null.</param>
    public static PowerDnsProvider FromConfig(ProviderConfig config, string baseDirectory, Func<string, string?>? environment = null, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var settings = PowerDnsSettings.FromConfig(config);
        return new PowerDnsProvider(config.Name, settings, ReadKey, handler);

        async Task<string> ReadKey(CancellationToken ct)
        {
            try
            {
                return await settings.ApiKey.ResolveAsync(baseDirectory, ct, environment).ConfigureAwait(false);
            }
            catch (SecretException ex)
            {
                throw new ProviderException($"{config.Position}: provider '{config.Name}': {ex.Message}", ex);
            }
        }
    }

    public async Task<LiveZone?> ReadZoneAsync(DnsName zone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(zone);
        using var response = await SendAsync(HttpMethod.Get, ZonePath(zone), null, $"read zone {zone}", cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound || (response.StatusCode == HttpStatusCode.UnprocessableEntity && (await ErrorTextAsync(response, cancellationToken).ConfigureAwait(false)).Contains("Could not find", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        await EnsureSuccessAsync(response, $"read zone {zone}", cancellationToken).ConfigureAwait(false);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var json = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new LiveZone(zone, ReadRecordSets(zone, json.RootElement));
    }

    public async Task CreateZoneAsync(DnsName zone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (await ReadZoneAsync(zone, cancellationToken).ConfigureAwait(false) is not null)
        {
            return;
        }

        if (!_settings.CreateZones)
        {
            throw new ProviderException($"{Name}: zone {zone} does not exist on PowerDNS ({_settings.Url}); create it there (pdnsutil create-zone) or set createZones: true for this provider");
        }

        var body = Json(w =>
        {
            w.WriteString("name", zone.ToString());
            w.WriteString("kind", "Native");
            w.WriteStartArray("nameservers");
            foreach (var ns in _settings.NameServers)
            {
                w.WriteStringValue(ns.ToString());
            }

            w.WriteEndArray();
        });
        using var response = await SendAsync(HttpMethod.Post, _zonesPath, body, $"create zone {zone}", cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            return; // created meanwhile by someone else: the zone exists, which is what was asked
        }

        await EnsureSuccessAsync(response, $"create zone {zone}", cancellationToken).ConfigureAwait(false);
    }

    public async Task ApplyAsync(DnsName zone, RecordSet? before, RecordSet? after, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var (name, type) = DnsStep.Target(Name, ManagedTypes, zone, before, after);
        var resource = DnsStep.Resource(zone, name, type);
        var current = await ReadZoneAsync(zone, cancellationToken).ConfigureAwait(false)
            ?? throw new ProviderException($"{Name}: zone {zone} does not exist on PowerDNS ({_settings.Url}); the plan creates zones before their records");
        var live = current.RecordSets.FirstOrDefault(s => s.Name == name && s.Type == type);
        if (DnsStep.Same(live, after))
        {
            return;
        }

        if (!DnsStep.Same(live, before))
        {
            throw new ChangedSincePlanException(resource, DnsStep.Show(before), DnsStep.Show(live));
        }

        var body = Json(w =>
        {
            w.WriteStartArray("rrsets");
            w.WriteStartObject();
            w.WriteString("name", name.ToString());
            w.WriteString("type", type.ToString());
            if (after is null)
            {
                w.WriteString("changetype", "DELETE");
            }
            else
            {
                w.WriteString("changetype", "REPLACE");
                w.WriteNumber("ttl", after.Ttl);
                w.WriteStartArray("records");
                foreach (var data in after.Records)
                {
                    w.WriteStartObject();
                    w.WriteString("content", data.ToPresentation());
                    w.WriteBoolean("disabled", false);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
            w.WriteEndArray();
        });
        using var response = await SendAsync(HttpMethod.Patch, ZonePath(zone), body, $"change {resource}", cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, $"change {resource}", cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _http.Dispose();

    private string ZonePath(DnsName zone) => $"{_zonesPath}/{Uri.EscapeDataString(zone.ToString())}";

    private List<RecordSet> ReadRecordSets(DnsName zone, JsonElement root)
    {
        var sets = new List<RecordSet>();
        if (!root.TryGetProperty("rrsets", out var rrsets) || rrsets.ValueKind != JsonValueKind.Array)
        {
            throw new ProviderException($"{Name}: PowerDNS's answer for zone {zone} has no rrsets list; is {_settings.Url} a PowerDNS Authoritative API?");
        }

        foreach (var rrset in rrsets.EnumerateArray())
        {
            var typeText = rrset.GetProperty("type").GetString() ?? "";
            if (!RecordType.TryParse(typeText, out var type))
            {
                continue; // a type PowerDNS knows and we do not: not representable, not managed
            }

            var nameText = rrset.GetProperty("name").GetString() ?? "";
            var ttl = rrset.TryGetProperty("ttl", out var ttlElement) ? ttlElement.GetUInt32() : 0;
            try
            {
                var owner = DnsName.Parse(nameText);
                var data = rrset.GetProperty("records").EnumerateArray()
                    .Where(r => !(r.TryGetProperty("disabled", out var d) && d.GetBoolean()))
                    .Select(r => RecordData.Parse(type, r.GetProperty("content").GetString() ?? "", zone))
                    .ToList();
                if (data.Count > 0)
                {
                    sets.Add(new RecordSet(owner, type, ttl, data));
                }
            }
            catch (DnsFormatException ex)
            {
                throw new ProviderException($"{Name}: PowerDNS holds {nameText} {typeText} data this tool cannot read: {ex.Reason}", ex);
            }
        }

        return sets.OrderBy(s => s.Name).ThenBy(s => s.Type).ToList();
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body, string what, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-API-Key", await _apiKey.GetAsync(cancellationToken).ConfigureAwait(false));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        try
        {
            return await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new ProviderException($"{Name}: cannot {what}: the PowerDNS API at {_settings.Url} cannot be reached ({ex.Message}); check url and that pdns runs with api=yes and webserver=yes", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ProviderException($"{Name}: cannot {what}: the PowerDNS API at {_settings.Url} did not answer within {_settings.Timeout.TotalSeconds:0} s", ex);
        }
    }

    private async Task EnsureSuccessAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var error = await ErrorTextAsync(response, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        throw new ProviderException(response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => $"{Name}: cannot {what}: API key rejected: check apiKey ({_settings.ApiKey}) against api-key in pdns.conf",
            HttpStatusCode.Forbidden => $"{Name}: cannot {what}: PowerDNS forbids this client (HTTP 403): check webserver-allow-from",
            HttpStatusCode.NotFound => $"{Name}: cannot {what}: not found (HTTP 404): the zone does not exist on server '{_settings.ServerId}', or the url/serverId is wrong",
            HttpStatusCode.UnprocessableEntity => $"{Name}: cannot {what}: PowerDNS rejected it: {error}",
            _ => $"{Name}: cannot {what}: PowerDNS answered HTTP {status}{(error.Length > 0 ? ": " + error : "")}",
        });
    }

    /// <summary>PowerDNS's <c>{"error": "..."}</c> text, or the start of a plain body.</summary>
    private static async Task<string> ErrorTextAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var json = JsonDocument.Parse(text);
            if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("error", out var error))
            {
                return error.GetString() ?? "";
            }
        }
        catch (JsonException)
        {
            // not JSON: fall through to the plain text
        }

        text = text.Trim().ReplaceLineEndings(" ");
        return text.Length > 200 ? text[..200] + "…" : text;
    }

    private static string Json(Action<Utf8JsonWriter> writeProperties)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            writeProperties(w);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}

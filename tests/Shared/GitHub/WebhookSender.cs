using System.Security.Cryptography;
using System.Text;

namespace Reconciler.Tests.Shared.GitHub;

/// <summary>
/// Delivers the fake's webhooks to one receiver, one at a time and in the order the events happened, signed as
/// GitHub signs them (X-Hub-Signature-256: HMAC-SHA256 of the body with the secret) and with GitHub's delivery
/// headers. A receiver that cannot be reached is recorded with status 0; nothing is retried (GitHub does not
/// retry either).
/// </summary>
internal sealed class WebhookSender(Uri url, string secret) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly List<GitHubWebhookDelivery> _deliveries = [];
    private readonly object _gate = new();
    private Task _chain = Task.CompletedTask;

    public IReadOnlyList<GitHubWebhookDelivery> Deliveries { get { lock (_gate) { return _deliveries.ToList(); } } }

    /// <summary>Completes when everything queued so far has been delivered.</summary>
    public Task Drained { get { lock (_gate) { return _chain; } } }

    public void Enqueue(string @event, string? action, string payload, long hookId)
    {
        lock (_gate)
        {
            _chain = _chain.ContinueWith(_ => DeliverAsync(@event, action, payload, hookId), TaskScheduler.Default).Unwrap();
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task DeliverAsync(string @event, string? action, string payload, long hookId)
    {
        var id = Guid.NewGuid().ToString();
        var body = Encoding.UTF8.GetBytes(payload);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.UserAgent.ParseAdd("GitHub-Hookshot/fake");
        request.Headers.Add("X-GitHub-Event", @event);
        request.Headers.Add("X-GitHub-Delivery", id);
        request.Headers.Add("X-GitHub-Hook-ID", hookId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("X-GitHub-Hook-Installation-Target-Type", "repository");
        request.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body)));
        GitHubWebhookDelivery delivery;
        try
        {
            using var response = await _http.SendAsync(request);
            delivery = new GitHubWebhookDelivery(id, @event, action, payload, (int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            delivery = new GitHubWebhookDelivery(id, @event, action, payload, 0, e.Message);
        }

        lock (_gate)
        {
            _deliveries.Add(delivery);
        }
    }
}

using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Reconciler.Daemon;

/// <summary>
/// Posts each alert as JSON to daemon.alertWebhook. A failed delivery is logged and dropped: alerts never hold up
/// reconciling, and the drift report in Git stays the durable record.
/// </summary>
public sealed class WebhookAlertSink(HttpClient http, Uri url, ILogger<WebhookAlertSink> log) : IAlertSink
{
    public async Task SendAsync(DriftAlert alert, CancellationToken ct)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("source", "reconciler");
            w.WriteString("event", "drift." + alert.Event);
            w.WriteString("domain", alert.Domain);
            w.WriteString("summary", alert.Summary);
            w.WriteString("policy", alert.Policy);
            if (alert.Since is { } since)
            {
                w.WriteString("since", since.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            }

            if (alert.ReportPath is not null)
            {
                w.WriteString("report", alert.ReportPath);
            }

            w.WriteString("at", alert.At.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            w.WriteString("text", $"{alert.Domain}: drift {alert.Event}: {alert.Summary}");
            w.WriteEndObject();
        }

        try
        {
            using var content = new ByteArrayContent(stream.ToArray());
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = Encoding.UTF8.WebName };
            using var response = await http.PostAsync(url, content, ct);
            if (!response.IsSuccessStatusCode)
            {
                log.LogWarning("Alert webhook answered {Status} for {Domain} drift {Event}", (int)response.StatusCode, alert.Domain, alert.Event);
            }
        }
        catch (HttpRequestException e)
        {
            log.LogWarning("Alert webhook unreachable for {Domain} drift {Event}: {Error}", alert.Domain, alert.Event, e.Message);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            log.LogWarning("Alert webhook timed out for {Domain} drift {Event}", alert.Domain, alert.Event);
        }
    }
}

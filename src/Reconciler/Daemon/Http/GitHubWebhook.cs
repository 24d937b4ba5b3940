using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Reconciler.Daemon.Http;

/// <summary>
/// POST /webhooks/github: verifies X-Hub-Signature-256 against daemon.webhookSecret (constant time) before looking
/// at anything else; a bad or missing signature is 401 and triggers nothing. A push to the tracked branch starts a
/// reconcile pass now; pull_request events go to the pull-request workflow seam; a repeated X-GitHub-Delivery is
/// acknowledged and ignored.
/// </summary>
public sealed class GitHubWebhook(DaemonOptions options, ReconcileTrigger trigger, IPullRequestWorkflow pullRequests, DeliveryLog deliveries, DaemonMetrics metrics, ILogger<GitHubWebhook> log)
{
    private const int MaxBody = 25 * 1024 * 1024; // GitHub caps payloads at 25 MB

    public async Task HandleAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context.Request, context.RequestAborted);
        if (body is null)
        {
            await Answer(context, StatusCodes.Status413PayloadTooLarge, "payload too large");
            return;
        }

        var signature = context.Request.Headers[WebhookSignature.Header].ToString();
        if (options.WebhookSecret is null || !WebhookSignature.IsValid(options.WebhookSecret, body, signature.Length == 0 ? null : signature))
        {
            metrics.Webhook(accepted: false);
            log.LogWarning("Webhook from {Remote} refused: {Why}", context.Connection.RemoteIpAddress, options.WebhookSecret is null ? "daemon.webhookSecret is not configured" : "bad or missing X-Hub-Signature-256");
            await Answer(context, StatusCodes.Status401Unauthorized, "signature does not match daemon.webhookSecret");
            return;
        }

        metrics.Webhook(accepted: true);
        var delivery = context.Request.Headers["X-GitHub-Delivery"].ToString();
        if (delivery.Length > 0 && !deliveries.FirstTime(delivery))
        {
            await Answer(context, StatusCodes.Status200OK, $"delivery {delivery} already handled");
            return;
        }

        var kind = context.Request.Headers["X-GitHub-Event"].ToString();
        JsonElement payload;
        try
        {
            using var doc = JsonDocument.Parse(body);
            payload = doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            await Answer(context, StatusCodes.Status400BadRequest, "payload is not JSON");
            return;
        }

        switch (kind)
        {
            case "ping":
                await Answer(context, StatusCodes.Status200OK, "pong");
                return;
            case "push":
                var @ref = payload.TryGetProperty("ref", out var r) ? r.GetString() : null;
                if (@ref != $"refs/heads/{options.Branch}")
                {
                    await Answer(context, StatusCodes.Status200OK, $"ignored: push to {@ref}, tracking refs/heads/{options.Branch}");
                    return;
                }

                log.LogInformation("Push webhook {Delivery} for {Branch}: reconciling now", delivery, options.Branch);
                trigger.Request("webhook push " + delivery);
                await Answer(context, StatusCodes.Status202Accepted, "reconcile started");
                return;
            case "pull_request":
                await pullRequests.OnPullRequestAsync(payload, context.RequestAborted);
                await Answer(context, StatusCodes.Status202Accepted, "pull request event accepted");
                return;
            default:
                await Answer(context, StatusCodes.Status200OK, $"ignored event '{kind}'");
                return;
        }
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int n;
        while ((n = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + n > MaxBody)
            {
                return null;
            }

            buffer.Write(chunk, 0, n);
        }

        return buffer.ToArray();
    }

    private static Task Answer(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text + "\n");
    }
}

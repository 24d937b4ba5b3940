using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Reconciler.Daemon.Http;

/// <summary>
/// POST /webhooks/github: verifies X-Hub-Signature-256 against daemon.webhookSecret (constant time) before looking
/// at anything else; a bad or missing signature is 401 and triggers nothing. A request without a well-formed
/// signature header is refused before its body is read; a signed one is hashed while it is read, within
/// <see cref="BodyLimits.GitHubWebhook"/>. A push to the tracked branch starts a reconcile pass now; pull_request
/// events go to the pull-request workflow seam; a repeated X-GitHub-Delivery is acknowledged and ignored, and the
/// same signed body under another delivery ID is refused as a replay.
/// </summary>
public sealed class GitHubWebhook(DaemonOptions options, ReconcileTrigger trigger, IPullRequestWorkflow pullRequests, DeliveryLog deliveries, DaemonMetrics metrics, ILogger<GitHubWebhook> log) : IDisposable
{
    private readonly BoundedBodyReader _bodies = new(BodyLimits.GitHubWebhook, Path.Combine(options.WorkDirectory, "incoming"));

    public async Task HandleAsync(HttpContext context)
    {
        var signature = context.Request.Headers[WebhookSignature.Header].ToString();
        if (options.WebhookSecret is not { Length: > 0 } secret || !WebhookSignature.TryParse(signature, out var given))
        {
            await RefuseAsync(context, options.WebhookSecret is null ? "daemon.webhookSecret is not configured" : "missing or malformed X-Hub-Signature-256");
            return;
        }

        using var hmac = WebhookSignature.Incremental(secret);
        using var body = await _bodies.ReadAsync(context.Request, hmac.AppendData, context.RequestAborted);
        if (!body.IsRead)
        {
            metrics.Webhook(accepted: false);
            log.LogWarning("Webhook from {Remote} refused: {Why}", context.Connection.RemoteIpAddress, body.Refusal);
            await body.WriteRefusalAsync(context);
            return;
        }

        if (!WebhookSignature.Matches(secret, hmac.GetHashAndReset(), given))
        {
            await RefuseAsync(context, "X-Hub-Signature-256 does not match the body");
            return;
        }

        metrics.Webhook(accepted: true);
        var delivery = context.Request.Headers["X-GitHub-Delivery"].ToString();
        if (delivery.Length > 0 && !deliveries.FirstTime(delivery))
        {
            await Answer(context, StatusCodes.Status200OK, $"delivery {delivery} already handled");
            return;
        }

        if (deliveries.IsReplay(Convert.ToHexStringLower(given)))
        {
            log.LogWarning("Webhook {Delivery} from {Remote} refused: the same signed body was delivered before under another ID", delivery, context.Connection.RemoteIpAddress);
            await Answer(context, StatusCodes.Status409Conflict, "replayed payload: this signed body was already delivered under another X-GitHub-Delivery");
            return;
        }

        var kind = context.Request.Headers["X-GitHub-Event"].ToString();
        JsonElement payload;
        try
        {
            using var doc = await JsonDocument.ParseAsync(body.OpenRead(), cancellationToken: context.RequestAborted);
            payload = doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            await Answer(context, StatusCodes.Status400BadRequest, "payload is not JSON");
            return;
        }

        if (payload.ValueKind != JsonValueKind.Object)
        {
            await Answer(context, StatusCodes.Status400BadRequest, $"payload is a JSON {payload.ValueKind.ToString().ToLowerInvariant()}, not an object");
            return;
        }

        switch (kind)
        {
            case "ping":
                await Answer(context, StatusCodes.Status200OK, "pong");
                return;
            case "push":
                if (payload.TryGetProperty("ref", out var r) && r.ValueKind != JsonValueKind.String)
                {
                    await Answer(context, StatusCodes.Status400BadRequest, "push payload's ref is not a string");
                    return;
                }

                var @ref = r.ValueKind == JsonValueKind.String ? r.GetString() : null;
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

    private async Task RefuseAsync(HttpContext context, string why)
    {
        metrics.Webhook(accepted: false);
        log.LogWarning("Webhook from {Remote} refused: {Why}", context.Connection.RemoteIpAddress, why);
        await BoundedBodyReader.RefuseAsync(context, StatusCodes.Status401Unauthorized, "signature does not match daemon.webhookSecret");
    }

    private static Task Answer(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text + "\n");
    }

    public void Dispose() => _bodies.Dispose();
}

using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Reconciler.Daemon;

/// <summary>The default until the pull-request workflow exists: the event is verified, logged and otherwise ignored.</summary>
public sealed class NoPullRequestWorkflow(ILogger<NoPullRequestWorkflow> log) : IPullRequestWorkflow
{
    public Task OnPullRequestAsync(JsonElement payload, CancellationToken ct)
    {
        var action = payload.TryGetProperty("action", out var a) ? a.GetString() : null;
        var number = payload.TryGetProperty("number", out var n) && n.ValueKind == JsonValueKind.Number ? n.GetInt32() : 0;
        log.LogInformation("pull_request event {Action} #{Number} received; the pull-request workflow is not part of this build", action, number);
        return Task.CompletedTask;
    }
}

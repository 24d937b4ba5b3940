using System.Text.Json;

namespace Reconciler.Daemon;

/// <summary>
/// Seam for the pull-request workflow (plans as PR comments, approvals from reviews). The webhook endpoint hands it
/// every verified pull_request event; until that workflow lands, <see cref="NoPullRequestWorkflow"/> only logs.
/// </summary>
public interface IPullRequestWorkflow
{
    Task OnPullRequestAsync(JsonElement payload, CancellationToken ct);
}

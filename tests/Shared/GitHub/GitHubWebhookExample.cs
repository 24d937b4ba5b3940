using System.Text.Json;

namespace Reconciler.Tests.Shared.GitHub;

/// <summary>One real webhook payload from @octokit/webhooks-examples: the event (X-GitHub-Event), its action (null
/// for events without one, such as push) and the JSON body GitHub delivers.</summary>
public sealed record GitHubWebhookExample(string Event, string? Action, JsonElement Payload)
{
    public override string ToString() => Action is null ? Event : $"{Event}.{Action}";
}

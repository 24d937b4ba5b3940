using System.Text.Json;
using Reconciler.Tests.Common;

namespace Reconciler.Tests.Shared.GitHub;

/// <summary>
/// The example payloads of @octokit/webhooks-examples 7.6.1 (api.github.com/index.json: an array of
/// <c>{ name, actions, examples[] }</c>), read once per test process: tests parse them as GitHub would deliver them,
/// and the fake builds its own deliveries from them.
/// </summary>
public static class GitHubWebhookExamples
{
    private static readonly Lazy<IReadOnlyList<GitHubWebhookExample>> All = new(() => Read(GitHubTestData.DotComWebhookExamples));

    /// <summary>Every example of every event.</summary>
    public static IReadOnlyList<GitHubWebhookExample> Everything => All.Value;

    /// <summary>The examples of one event (e.g. <c>pull_request</c>), optionally of one action.</summary>
    public static IReadOnlyList<GitHubWebhookExample> Of(string @event, string? action = null) =>
        All.Value.Where(e => e.Event == @event && (action is null || e.Action == action)).ToList();

    private static IReadOnlyList<GitHubWebhookExample> Read(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
        var result = new List<GitHubWebhookExample>();
        foreach (var definition in doc.RootElement.EnumerateArray())
        {
            var name = definition.GetProperty("name").GetString()!;
            foreach (var example in definition.GetProperty("examples").EnumerateArray())
            {
                var action = example.TryGetProperty("action", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
                result.Add(new GitHubWebhookExample(name, action, example.Clone()));
            }
        }

        return result;
    }
}

namespace Reconciler.Tests.Shared.GitHub;

/// <summary>A webhook the fake delivered (or tried to): <paramref name="Status"/> is the receiver's answer, or 0 when
/// it could not be reached (<paramref name="Response"/> then says why).</summary>
public sealed record GitHubWebhookDelivery(string Id, string Event, string? Action, string Payload, int Status, string Response)
{
    public override string ToString() => $"{Event}{(Action is null ? "" : "." + Action)} {Id} → {Status}";
}

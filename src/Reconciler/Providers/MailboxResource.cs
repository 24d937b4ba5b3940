using Reconciler.Schema.Model;

namespace Reconciler.Providers;

/// <summary>
/// A mailbox as the mail system holds it. Credentials are deliberately absent: providers carry existing password
/// hashes over untouched and never show them; the invite flow sets them, not the plan.
/// </summary>
public sealed record MailboxResource(string Address, MailboxState State, string? Quota, string? DisplayName) : Resource
{
    public override string Kind => "mailbox";

    public override string Id => $"mailbox {Address}";

    public override string Describe() =>
        State.ToString().ToLowerInvariant() + (Quota is null ? "" : $", quota {Quota}") + (DisplayName is null ? "" : $", \"{DisplayName}\"");
}

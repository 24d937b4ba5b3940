using Reconciler.Schema.Loading;

namespace Reconciler.Schema.Model;

public sealed record Mailbox(
    string Local,
    MailboxKind Kind,
    string Owner,
    string? Name,
    string? Recovery,
    string? Quota,
    MailboxState State,
    DateOnly? RetainUntil,
    SourcePosition Position);

namespace Reconciler.Migration;

/// <summary>One mailbox to copy: its name in reports and checkpoints, and the logins on both sides.</summary>
public sealed record MailboxPair(string Name, MailboxLogin Source, MailboxLogin Destination);

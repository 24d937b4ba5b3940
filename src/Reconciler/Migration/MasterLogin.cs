using Reconciler.Secrets;

namespace Reconciler.Migration;

/// <summary>A Dovecot-style master user: logs in as <c>mailbox-user + Separator + User</c> with the master password.</summary>
public sealed record MasterLogin(string User, SecretReference Password, string Separator = "*");

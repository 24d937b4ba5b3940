using Reconciler.Secrets;

namespace Reconciler.Migration;

/// <summary>Who to log in as on one server; without a password the server's master user is used.</summary>
public sealed record MailboxLogin(string User, SecretReference? Password);

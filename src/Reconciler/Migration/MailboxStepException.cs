using System.Net.Sockets;
using Reconciler.Migration.Imap;

namespace Reconciler.Migration;

/// <summary>
/// A mailbox failed while doing <see cref="Step"/>; the message says both, for the report. Whether a retry may
/// help is decided by the inner error (<see cref="IsTransient"/>).
/// </summary>
public sealed class MailboxStepException : Exception
{
    public MailboxStepException(string step, Exception innerException)
        : base($"{step}: {innerException.Message}", innerException)
    {
        Step = step;
    }

    public string Step { get; }

    public bool IsTransient => IsTransientError(InnerException!);

    /// <summary>Lost connections, busy servers and timeouts are; refused logins, certificates and bad data are not.</summary>
    public static bool IsTransientError(Exception error) => error switch
    {
        MailboxStepException step => step.IsTransient,
        ImapException imap => imap.IsRetryable,
        SourceFolderChangedException => true,
        IOException or SocketException or TimeoutException => true,
        _ => false,
    };
}

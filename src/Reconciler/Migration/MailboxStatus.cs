namespace Reconciler.Migration;

public enum MailboxStatus
{
    Waiting,
    Running,
    Retrying,

    /// <summary>Copied and (unless turned off) verified.</summary>
    Succeeded,

    /// <summary>Dry run: planned only.</summary>
    Planned,

    /// <summary>Copied, but the destination does not match the source.</summary>
    VerificationFailed,

    /// <summary>Gave up after the last try, or on an error no retry can fix.</summary>
    Failed,

    /// <summary>Stopped by Ctrl-C; the next run resumes from the checkpoint.</summary>
    Interrupted,
}

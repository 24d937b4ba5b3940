namespace Reconciler.Migration;

/// <summary>
/// The exit codes of `reconciler migrate`: 0 every mailbox copied (and verified); 4 some mailboxes failed while
/// others succeeded; 1 every mailbox failed, or the job file is invalid (nothing was contacted); 2 command-line
/// usage error; 130 interrupted (Ctrl-C) — progress is checkpointed and a rerun resumes.
/// </summary>
public static class MigrationExitCodes
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;
    public const int Partial = 4;
    public const int Interrupted = 130;
}

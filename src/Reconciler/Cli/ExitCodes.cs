namespace Reconciler.Cli;

/// <summary>Exit codes shared by the verbs; `plan` adds its own (2 = changes, 3 = blocked) under --detailed-exitcode, and
/// so reports its usage errors as 1 (see <see cref="PlanCommand.UsageError"/>).</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Errors = 1;
    public const int Usage = 2;
}

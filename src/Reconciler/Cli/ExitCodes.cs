namespace Reconciler.Cli;

/// <summary>Exit codes shared by the verbs; `plan` adds its own (2 = changes, 3 = blocked) under --detailed-exitcode.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Errors = 1;
    public const int Usage = 2;
}

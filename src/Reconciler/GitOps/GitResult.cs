namespace Reconciler.GitOps;

/// <summary>How a git command ended and what it wrote.</summary>
public sealed record GitResult(int ExitCode, string StdOut, string StdErr)
{
    public bool Ok => ExitCode == 0;

    public string Output => StdOut + StdErr;
}

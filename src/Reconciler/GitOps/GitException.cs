namespace Reconciler.GitOps;

/// <summary>A git operation failed; the message names the operation and git's own words, credentials redacted.</summary>
public class GitException : Exception
{
    public GitException(string message)
        : base(GitCli.Redact(message))
    {
    }
}

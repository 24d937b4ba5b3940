namespace Reconciler.GitOps;

/// <summary>Where the daemon writes in the portfolio repository, in one place so readers and writers agree.</summary>
public static class RepoLayout
{
    public const string DriftFolder = "drift";
    public const string ApprovalsFolder = "approvals";

    public static string DriftMarkdown(string domain) => $"{DriftFolder}/{domain}.md";

    public static string DriftJson(string domain) => $"{DriftFolder}/{domain}.json";

    public static string Approval(string domain) => $"{ApprovalsFolder}/{domain}.yaml";

    /// <summary>The branch on which adopt proposes live values for the manifest.</summary>
    public static string AdoptBranch(string domain) => $"drift/{domain}";
}

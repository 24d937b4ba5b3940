using Reconciler.GitOps;
using Reconciler.Schema.Loading;

namespace Reconciler.Daemon;

/// <summary>
/// Approvals recorded in the repository as <c>approvals/&lt;domain&gt;.yaml</c>:
/// <code>
/// fingerprint: 3f9a0c1d2e4b5a67   # the plan fingerprint the status page shows
/// approvedBy: alice@agency.example
/// </code>
/// Committing the file is the approval: Git records who and when; the fingerprint ties it to one plan.
/// </summary>
public sealed class RepoApprovalSource(Func<string> workTree) : IApprovalSource
{
    public async Task<Approval?> FindAsync(string domain, string planFingerprint, CancellationToken ct)
    {
        var path = Path.Combine(workTree(), RepoLayout.Approval(domain));
        if (!File.Exists(path))
        {
            return null;
        }

        var loaded = YamlLoader.Load(await File.ReadAllTextAsync(path, ct), path);
        if (loaded.Document is not MapNode map)
        {
            return null;
        }

        var fingerprint = (map["fingerprint"] as StringNode)?.Value;
        var by = (map["approvedBy"] as StringNode)?.Value;
        return fingerprint == planFingerprint && !string.IsNullOrWhiteSpace(by)
            ? new Approval(domain, planFingerprint, by, RepoLayout.Approval(domain))
            : null;
    }
}

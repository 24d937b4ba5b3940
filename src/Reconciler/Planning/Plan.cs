using System.Security.Cryptography;
using System.Text;

namespace Reconciler.Planning;

/// <summary>An ordered, printable, savable set of changes over a portfolio; applying a saved plan runs exactly it.</summary>
/// <param name="Portfolio">The portfolio folder (absolute) whose reconciler.yaml names the providers.</param>
/// <param name="Commit">The portfolio's Git commit when it is a Git work tree.</param>
public sealed record Plan(DateTimeOffset CreatedAt, string Portfolio, string? Commit, IReadOnlyList<DomainPlan> Domains)
{
    public const int FormatVersion = 1;

    public IEnumerable<PlanStep> Steps => Domains.SelectMany(d => d.Steps);

    public int ToCreate => Steps.Count(s => s.Action == StepAction.Create);

    public int ToUpdate => Steps.Count(s => s.Action == StepAction.Update);

    public int ToDelete => Steps.Count(s => s.Action == StepAction.Delete);

    public int DomainsWithChanges => Domains.Count(d => d.HasChanges);

    public bool HasChanges => Domains.Any(d => d.HasChanges);

    public bool HasErrors => Domains.Any(d => d.Error is not null);

    public bool IsBlocked => Domains.Any(d => d.IsBlocked);

    /// <summary>
    /// Identifies this plan: the live fingerprints it was made against and its steps. The journal keys applies on it,
    /// so an apply killed half-way resumes the same plan instead of starting another.
    /// </summary>
    public string Fingerprint
    {
        get
        {
            var sb = new StringBuilder();
            foreach (var d in Domains)
            {
                sb.Append(d.Domain).Append('|').Append(d.LiveFingerprint).Append('\n');
                foreach (var s in d.Steps)
                {
                    sb.Append(s.Index).Append(' ').Append(s.Action).Append(' ').Append(s.ResourceId).Append(' ')
                        .Append(s.Before?.Describe()).Append(" → ").Append(s.After?.Describe()).Append('\n');
                }
            }

            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())))[..16];
        }
    }

    public string Summary =>
        $"Plan: {ToCreate} to add, {ToUpdate} to change, {ToDelete} to delete across {DomainsWithChanges} domain{(DomainsWithChanges == 1 ? "" : "s")}";
}

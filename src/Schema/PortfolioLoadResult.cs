using Reconciler.Schema.Model;
using Reconciler.Schema.Validation;

namespace Reconciler.Schema;

/// <summary>
/// A loaded portfolio and everything found wrong with it. <see cref="Portfolio"/> holds only domains that passed the
/// schema; callers that change live systems must refuse when <see cref="HasErrors"/>.
/// </summary>
public sealed record PortfolioLoadResult(Portfolio? Portfolio, IReadOnlyList<Diagnostic> Diagnostics, int FilesChecked, int DomainsChecked)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    public int ErrorCount => Diagnostics.Count(d => d.IsError);

    public int WarningCount => Diagnostics.Count(d => !d.IsError);
}

using Reconciler.Schema.Validation;

namespace Reconciler.Migration;

/// <summary>The job when the file is usable, and everything found wrong with it (positions included).</summary>
public sealed record MigrationJobLoadResult(MigrationJob? Job, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Job is null || Diagnostics.Any(d => d.IsError);
}

using Reconciler.Schema.Model;
using Reconciler.Schema.Validation;
using Reconciler.Schema.Validation.Rules;

namespace Reconciler.Planning;

/// <summary>
/// DNS004 as a manifest rule: record names and values that our DNS parser rejects, reported by `validate` at the
/// entry that holds them rather than later by `plan`. The check is the one <see cref="DesiredStateBuilder"/> makes.
/// </summary>
public sealed class RecordValueRule : IManifestRule
{
    public IEnumerable<Diagnostic> Check(DomainManifest domain, RuleContext context) =>
        DesiredStateBuilder.Build(domain, context.Today).Diagnostics;
}

using Reconciler.Schema.Model;

namespace Reconciler.Schema.Validation.Rules;

/// <summary>
/// A check on one merged, schema-valid manifest. The built-in rules live here; checks that need the DNS record
/// parser or the SPF evaluator are added by the executable through the same interface.
/// </summary>
public interface IManifestRule
{
    IEnumerable<Diagnostic> Check(DomainManifest domain, RuleContext context);
}

using Reconciler.Schema.Loading;

namespace Reconciler.Schema.Validation.Rules;

/// <summary>A check with a stable code, its severity and the one-line fix people see under each finding.</summary>
public sealed record Rule(string Code, Severity Severity, string Title, string Hint)
{
    public Diagnostic At(SourcePosition position, string message) => new(position, Severity, Code, message, Hint);
}

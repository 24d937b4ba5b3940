namespace Reconciler.Schema.Validation;

public enum Severity
{
    Error,
    Warning,
}

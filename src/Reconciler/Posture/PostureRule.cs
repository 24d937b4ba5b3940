namespace Reconciler.Posture;

/// <summary>A catalogue entry: one rule with its stable code, severity, source and fix hint.</summary>
public sealed record PostureRule(string Code, FindingSeverity Severity, string Title, string Rfc, string Fix)
{
    /// <summary>A finding of this rule with a message specific to what was checked.</summary>
    public PostureFinding Report(string message) => new(Code, Severity, message, Rfc, Fix);
}

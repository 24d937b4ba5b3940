using Reconciler.Schema.Loading;

namespace Reconciler.Schema.Validation;

/// <summary>
/// One finding about a manifest, printed as <c>path:line:col: error CODE: message</c> with an optional fix hint.
/// Codes are stable: tools and people search for them.
/// </summary>
public sealed record Diagnostic(SourcePosition Position, Severity Severity, string Code, string Message, string? Hint = null)
{
    public static Diagnostic Error(SourcePosition position, string code, string message, string? hint = null) =>
        new(position, Severity.Error, code, message, hint);

    public static Diagnostic Warning(SourcePosition position, string code, string message, string? hint = null) =>
        new(position, Severity.Warning, code, message, hint);

    public bool IsError => Severity == Severity.Error;

    public override string ToString() =>
        $"{Position}: {(IsError ? "error" : "warning")} {Code}: {Message}";
}

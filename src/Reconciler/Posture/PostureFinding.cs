namespace Reconciler.Posture;

/// <summary>
/// One thing a posture check found. Plain data so that the same rules report on manifests and on live DNS and the
/// caller maps it to its own diagnostics.
/// </summary>
/// <param name="Code">Stable code from <see cref="PostureCatalogue"/>, e.g. SPF003.</param>
/// <param name="Severity">Copied from the catalogue entry.</param>
/// <param name="Message">What was found, naming the record, term or host concerned.</param>
/// <param name="Rfc">Where the rule comes from, e.g. "RFC 7208 §4.6.4".</param>
/// <param name="Fix">One line: what to do about it.</param>
public sealed record PostureFinding(string Code, FindingSeverity Severity, string Message, string Rfc, string Fix)
{
    public override string ToString() => $"{Code} {Severity}: {Message} ({Rfc}). Fix: {Fix}";
}

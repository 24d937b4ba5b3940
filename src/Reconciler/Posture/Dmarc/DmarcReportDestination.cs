namespace Reconciler.Posture.Dmarc;

/// <summary>The outcome of checking one external rua/ruf destination (RFC 7489 §7.1).</summary>
/// <param name="Uri">The destination.</param>
/// <param name="AuthorizationName">The TXT name that must hold v=DMARC1, e.g.
/// example.com._report._dmarc.thirdparty.example.net.</param>
/// <param name="Authorized">True/false; null when the lookup failed.</param>
public sealed record DmarcReportDestination(DmarcReportUri Uri, string AuthorizationName, bool? Authorized);

namespace Reconciler.Posture.Manifest;

/// <summary>Where a manifest rule (a MAIL… code of the schema rules) sits in a posture report, and its source.</summary>
public sealed record ManifestRuleReference(string Code, PostureArea Area, string Rfc);

namespace Reconciler.Posture.Dkim;

/// <summary>A DKIM public key record (RFC 6376 §3.6.1, RFC 8463) with defaults applied.</summary>
/// <param name="Text">The record as published.</param>
/// <param name="KeyType">k=, lower case; "rsa" when omitted.</param>
/// <param name="PublicKey">p= without whitespace; empty when the key is revoked.</param>
/// <param name="HashAlgorithms">h=, lower case; null when omitted (all allowed).</param>
/// <param name="ServiceTypes">s=, lower case; ["*"] when omitted.</param>
/// <param name="Flags">t=, lower case; empty when omitted.</param>
/// <param name="Notes">n=, if any.</param>
/// <param name="KeySizeBits">RSA modulus size, or 256 for Ed25519; null when the key is revoked or undecodable.</param>
public sealed record DkimKeyRecord(
    string Text,
    string KeyType,
    string PublicKey,
    IReadOnlyList<string>? HashAlgorithms,
    IReadOnlyList<string> ServiceTypes,
    IReadOnlyList<string> Flags,
    string? Notes,
    int? KeySizeBits)
{
    /// <summary>An empty p= means the key has been revoked.</summary>
    public bool IsRevoked => PublicKey.Length == 0;

    /// <summary>t=y: verifiers must treat signatures like unsigned mail.</summary>
    public bool IsTesting => Flags.Contains("y");

    /// <summary>t=s: the i= domain must equal d=, no subdomains.</summary>
    public bool IsStrict => Flags.Contains("s");
}

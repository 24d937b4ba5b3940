namespace Reconciler.Posture.Dkim;

/// <summary>A new DKIM key: the private key for the signer and the public key for DNS.</summary>
/// <param name="Type">"rsa" or "ed25519", as written in k= and in the manifest.</param>
/// <param name="PrivateKeyPem">PKCS#8 PEM ("BEGIN PRIVATE KEY"); a secret.</param>
/// <param name="PublicKey">The p= value: base64 SubjectPublicKeyInfo for RSA (RFC 6376 §3.6.1), the raw 32-byte key
/// for Ed25519 (RFC 8463 §4.2).</param>
/// <param name="Bits">Key size: the RSA modulus, or 256.</param>
public sealed record DkimKeyPair(string Type, string PrivateKeyPem, string PublicKey, int Bits)
{
    public override string ToString() => $"{Type} {Bits}-bit DKIM key";
}

using System.Formats.Asn1;
using System.Security.Cryptography;

namespace Reconciler.Posture.Dkim;

/// <summary>Creates DKIM keys: RSA 2048 (RFC 8301) or Ed25519 (RFC 8463), private keys in PKCS#8 PEM.</summary>
public static class DkimKeyGenerator
{
    /// <summary>id-Ed25519 (RFC 8410 §3).</summary>
    private const string Ed25519Oid = "1.3.101.112";

    public static DkimKeyPair Rsa(int bits = DkimKeyCheck.RecommendedRsaBits)
    {
        using var rsa = RSA.Create(bits);
        return new DkimKeyPair("rsa", rsa.ExportPkcs8PrivateKeyPem(), Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo()), bits);
    }

    public static DkimKeyPair Ed25519()
    {
        var seed = RandomNumberGenerator.GetBytes(Ed25519PublicKey.SeedBytes);
        try
        {
            return Ed25519FromSeed(seed);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    /// <summary>The key pair of a given seed (RFC 8032 test vectors use this).</summary>
    public static DkimKeyPair Ed25519FromSeed(ReadOnlySpan<byte> seed)
    {
        var publicKey = Ed25519PublicKey.FromSeed(seed);
        var der = Ed25519Pkcs8(seed);
        try
        {
            return new DkimKeyPair("ed25519", PemEncoding.WriteString("PRIVATE KEY", der), Convert.ToBase64String(publicKey), 256);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(der);
        }
    }

    /// <summary>The 32-byte seed inside an Ed25519 PKCS#8 private key (RFC 8410 §7), for checking a key file.</summary>
    public static byte[] Ed25519SeedFromPkcs8(ReadOnlyMemory<byte> der)
    {
        var outer = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
        outer.ReadInteger();
        var algorithm = outer.ReadSequence();
        if (algorithm.ReadObjectIdentifier() != Ed25519Oid)
        {
            throw new CryptographicException("not an Ed25519 private key");
        }

        var inner = new AsnReader(outer.ReadOctetString(), AsnEncodingRules.DER).ReadOctetString();
        return inner.Length == Ed25519PublicKey.SeedBytes ? inner : throw new CryptographicException("the Ed25519 private key is not 32 bytes");
    }

    /// <summary>The public key (raw, 32 bytes) of an Ed25519 PKCS#8 private key.</summary>
    public static byte[] Ed25519PublicKeyOf(ReadOnlyMemory<byte> pkcs8Der) => Ed25519PublicKey.FromSeed(Ed25519SeedFromPkcs8(pkcs8Der));

    /// <summary>OneAsymmetricKey v1 with the seed as CurvePrivateKey (RFC 8410 §7).</summary>
    private static byte[] Ed25519Pkcs8(ReadOnlySpan<byte> seed)
    {
        var inner = new AsnWriter(AsnEncodingRules.DER);
        inner.WriteOctetString(seed);
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(0);
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(Ed25519Oid);
            }

            writer.WriteOctetString(inner.Encode());
        }

        return writer.Encode();
    }
}

using System.Numerics;
using System.Security.Cryptography;

namespace Reconciler.Posture.Dkim;

/// <summary>
/// The Ed25519 public key of a private key seed (RFC 8032 §5.1.5), which .NET does not provide. Only key generation
/// needs it: signing happens in the mail server. Follows the RFC's reference arithmetic in extended coordinates; it
/// is not constant-time, which is acceptable for a key generated once on the operator's machine.
/// </summary>
internal static class Ed25519PublicKey
{
    public const int SeedBytes = 32;

    private static readonly BigInteger P = BigInteger.Pow(2, 255) - 19;

    private static readonly BigInteger D = Mod(-121665 * Inverse(121666));

    private static readonly BigInteger Gy = Mod(4 * Inverse(5));

    private static readonly BigInteger Gx =
        BigInteger.Parse("15112221349535400772501151409588531511454012693041857206046113283949847762202");

    public static byte[] FromSeed(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != SeedBytes)
        {
            throw new ArgumentException("an Ed25519 private key seed is 32 bytes", nameof(seed));
        }

        var h = SHA512.HashData(seed);
        var a = new BigInteger(h.AsSpan(0, 32), isUnsigned: true, isBigEndian: false);
        a &= (BigInteger.One << 254) - 8;
        a |= BigInteger.One << 254;
        return Compress(Multiply(a, (Gx, Gy, 1, Mod(Gx * Gy))));
    }

    private static (BigInteger X, BigInteger Y, BigInteger Z, BigInteger T) Add(
        (BigInteger X, BigInteger Y, BigInteger Z, BigInteger T) p, (BigInteger X, BigInteger Y, BigInteger Z, BigInteger T) q)
    {
        var a = Mod((p.Y - p.X) * (q.Y - q.X));
        var b = Mod((p.Y + p.X) * (q.Y + q.X));
        var c = Mod(2 * p.T * q.T * D);
        var d = Mod(2 * p.Z * q.Z);
        var e = b - a;
        var f = d - c;
        var g = d + c;
        var hh = b + a;
        return (Mod(e * f), Mod(g * hh), Mod(f * g), Mod(e * hh));
    }

    private static (BigInteger X, BigInteger Y, BigInteger Z, BigInteger T) Multiply(
        BigInteger scalar, (BigInteger X, BigInteger Y, BigInteger Z, BigInteger T) point)
    {
        (BigInteger X, BigInteger Y, BigInteger Z, BigInteger T) result = (0, 1, 1, 0);
        while (scalar > 0)
        {
            if (!scalar.IsEven)
            {
                result = Add(result, point);
            }

            point = Add(point, point);
            scalar >>= 1;
        }

        return result;
    }

    private static byte[] Compress((BigInteger X, BigInteger Y, BigInteger Z, BigInteger T) point)
    {
        var zInverse = Inverse(point.Z);
        var x = Mod(point.X * zInverse);
        var y = Mod(point.Y * zInverse);
        var encoded = y | ((x & 1) << 255);
        var bytes = new byte[32];
        encoded.TryWriteBytes(bytes, out _, isUnsigned: true, isBigEndian: false);
        return bytes;
    }

    private static BigInteger Inverse(BigInteger value) => BigInteger.ModPow(Mod(value), P - 2, P);

    private static BigInteger Mod(BigInteger value)
    {
        var r = value % P;
        return r.Sign < 0 ? r + P : r;
    }
}

using System.Security.Cryptography;
using System.Text;

namespace Reconciler.Daemon.Http;

/// <summary>GitHub's X-Hub-Signature-256: <c>sha256=</c> and the hex HMAC-SHA256 of the raw body with the webhook secret.</summary>
public static class WebhookSignature
{
    public const string Header = "X-Hub-Signature-256";
    private const string Prefix = "sha256=";

    public static string Sign(byte[] secret, ReadOnlySpan<byte> body) => Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(secret, body));

    /// <summary>True only for a well-formed header whose HMAC matches; compared in constant time.</summary>
    public static bool IsValid(byte[] secret, ReadOnlySpan<byte> body, string? header)
    {
        if (secret.Length == 0 || !TryParse(header, out var given))
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[32];
        HMACSHA256.HashData(secret, body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    /// <summary>The 32 bytes a well-formed header carries; false for anything else (so a request can be refused before its body is read).</summary>
    public static bool TryParse(string? header, out byte[] hmac)
    {
        hmac = [];
        if (header is null || !header.StartsWith(Prefix, StringComparison.Ordinal) || header.Length != Prefix.Length + 64)
        {
            return false;
        }

        try
        {
            hmac = Convert.FromHexString(header.AsSpan(Prefix.Length));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>An HMAC fed chunk by chunk while the body is read; compare its result with <see cref="Matches"/>.</summary>
    public static IncrementalHash Incremental(byte[] secret) => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, secret);

    public static bool Matches(byte[] secret, ReadOnlySpan<byte> computed, ReadOnlySpan<byte> given) =>
        secret.Length != 0 && CryptographicOperations.FixedTimeEquals(computed, given);

    public static byte[] SecretBytes(string secret) => Encoding.UTF8.GetBytes(secret);
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Reconciler.Tests.Shared.GitHub;

/// <summary>
/// Checks a GitHub App JWT as GitHub documents it (docs.github.com/apps/creating-github-apps/authenticating-with-a-github-app/generating-a-json-web-token-jwt-for-a-github-app):
/// RS256, signed by the app's private key; <c>iss</c> the app id (or client id); <c>iat</c> not in the future
/// (60 s of clock drift allowed); <c>exp</c> in the future, at most ten minutes from now.
/// The messages are GitHub's.
/// </summary>
internal static class AppJwt
{
    public const string Undecodable = "A JSON web token could not be decoded";

    /// <summary>The app the JWT authenticates, or the reason it does not.</summary>
    public static (GitHubFakeApp? App, string? Error) Verify(string jwt, IEnumerable<GitHubFakeApp> apps, DateTimeOffset now)
    {
        var parts = jwt.Split('.');
        if (parts.Length != 3)
        {
            return (null, Undecodable);
        }

        JsonElement header;
        JsonElement claims;
        byte[] signature;
        try
        {
            header = JsonDocument.Parse(Base64Url(parts[0])).RootElement;
            claims = JsonDocument.Parse(Base64Url(parts[1])).RootElement;
            signature = Base64Url(parts[2]);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return (null, Undecodable);
        }

        if (!header.TryGetProperty("alg", out var alg) || alg.GetString() != "RS256")
        {
            return (null, Undecodable);
        }

        var iss = claims.TryGetProperty("iss", out var i) ? i.ValueKind == JsonValueKind.Number ? i.GetRawText() : i.GetString() : null;
        var app = apps.FirstOrDefault(a => a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) == iss);
        if (app is null)
        {
            return (null, Undecodable);
        }

        var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        if (!app.PublicKey.VerifyData(signed, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
        {
            return (null, Undecodable);
        }

        if (!claims.TryGetProperty("iat", out var iatEl) || iatEl.ValueKind != JsonValueKind.Number || !iatEl.TryGetInt64(out var iat)
            || iat > now.ToUnixTimeSeconds() + 60)
        {
            return (null, "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued.");
        }

        if (!claims.TryGetProperty("exp", out var expEl) || expEl.ValueKind != JsonValueKind.Number || !expEl.TryGetInt64(out var exp)
            || exp <= now.ToUnixTimeSeconds())
        {
            return (null, "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires.");
        }

        if (exp - now.ToUnixTimeSeconds() > 600)
        {
            return (null, "'Expiration time' claim ('exp') is too far in the future.");
        }

        return (app, null);
    }

    private static byte[] Base64Url(string s)
    {
        var b = s.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(b.PadRight(b.Length + ((4 - (b.Length % 4)) % 4), '='));
    }
}

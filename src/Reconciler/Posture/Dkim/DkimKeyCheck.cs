using System.Formats.Asn1;

namespace Reconciler.Posture.Dkim;

/// <summary>Parses and validates a DKIM key record text (RFC 6376 §3.6.1, RFC 8301, RFC 8463); no DNS.</summary>
public static class DkimKeyCheck
{
    public const int MinimumRsaBits = 1024;

    public const int RecommendedRsaBits = 2048;

    private const string RsaEncryptionOid = "1.2.840.113549.1.1.1";

    private static readonly HashSet<string> KnownTags = ["v", "h", "k", "n", "p", "s", "t"];

    /// <param name="text">The TXT record text (strings joined).</param>
    /// <param name="name">How messages name it, e.g. "selector1._domainkey.example.com".</param>
    public static DkimKeyCheckResult Check(string text, string? name = null)
    {
        var where = name is null ? "the DKIM key record" : $"the DKIM key record {name}";
        var findings = new List<PostureFinding>();
        var tags = TagList.Parse(text);
        if (tags.Problems.Count > 0)
        {
            findings.Add(PostureCatalogue.DkimTagList.Report($"{where}: {string.Join("; ", tags.Problems)}"));
            return new DkimKeyCheckResult(null, findings);
        }

        var version = tags["v"];
        if (version is not null && (tags.Tags[0].Name != "v" || version != "DKIM1"))
        {
            findings.Add(PostureCatalogue.DkimVersion.Report(
                version != "DKIM1"
                    ? $"{where} has v={version}; verifiers discard records whose v= is not DKIM1"
                    : $"{where}: v=DKIM1 must be the first tag"));
            return new DkimKeyCheckResult(null, findings);
        }

        foreach (var tag in tags.Tags.Where(t => !KnownTags.Contains(t.Name)))
        {
            findings.Add(PostureCatalogue.DkimUnknownTag.Report($"{where}: unknown tag '{tag.Name}' is ignored"));
        }

        if (tags["p"] is not { } p)
        {
            findings.Add(PostureCatalogue.DkimNoKey.Report($"{where} has no p= tag"));
            return new DkimKeyCheckResult(null, findings);
        }

        var key = string.Concat(p.Where(c => !char.IsWhiteSpace(c)));
        var keyType = (tags["k"] ?? "rsa").ToLowerInvariant();
        var hashes = tags["h"]?.Split(':').Select(h => h.Trim().ToLowerInvariant()).ToList();
        var services = (tags["s"] ?? "*").Split(':').Select(s => s.Trim().ToLowerInvariant()).ToList();
        var flags = (tags["t"] ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(f => f.Trim().ToLowerInvariant()).ToList();
        int? bits = null;

        if (keyType is not ("rsa" or "ed25519"))
        {
            findings.Add(PostureCatalogue.DkimKeyType.Report($"{where}: k={tags["k"]} is not rsa or ed25519"));
        }

        if (key.Length == 0)
        {
            findings.Add(PostureCatalogue.DkimRevoked.Report($"{where} has an empty p=: the key is revoked"));
        }
        else if (keyType is "rsa" or "ed25519")
        {
            bits = CheckKey(key, keyType, where, findings);
        }

        if (hashes is not null)
        {
            var known = hashes.Where(h => h is "sha1" or "sha256").ToList();
            if (known.Count == 0)
            {
                findings.Add(PostureCatalogue.DkimUnknownHash.Report(
                    $"{where}: h={tags["h"]} names no hash algorithm verifiers know (sha256)"));
            }
            else if (known.All(h => h == "sha1"))
            {
                findings.Add(PostureCatalogue.DkimSha1Only.Report(
                    $"{where}: h={tags["h"]} allows only SHA-1, which verifiers must not accept (RFC 8301)"));
            }
        }

        if (!services.Contains("*") && !services.Contains("email"))
        {
            findings.Add(PostureCatalogue.DkimNotForEmail.Report(
                $"{where}: s={tags["s"]} does not include email or *, so mail signatures cannot use this key"));
        }

        if (flags.Contains("y"))
        {
            findings.Add(PostureCatalogue.DkimTesting.Report(
                $"{where} has t=y: verifiers treat its signatures as if the mail were unsigned"));
        }

        var record = new DkimKeyRecord(text, keyType, key, hashes, services, flags, tags["n"], bits);
        return new DkimKeyCheckResult(record, findings.OrderByDescending(f => f.Severity).ToList());
    }

    /// <summary>Decodes p= and reports its strength; returns the key size in bits when it decodes.</summary>
    private static int? CheckKey(string key, string keyType, string where, List<PostureFinding> findings)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(key);
        }
        catch (FormatException)
        {
            findings.Add(PostureCatalogue.DkimBadBase64.Report($"{where}: p= is not valid base64"));
            return null;
        }

        if (keyType == "ed25519")
        {
            if (bytes.Length == 32)
            {
                return 256;
            }

            var hint = bytes.Length == 44 && bytes[0] == 0x30
                ? " (it looks like a SubjectPublicKeyInfo; publish only the last 32 bytes)"
                : "";
            findings.Add(PostureCatalogue.DkimBadEd25519Key.Report(
                $"{where}: the Ed25519 key is {bytes.Length} bytes, not 32{hint}"));
            return null;
        }

        var bits = RsaModulusBits(bytes);
        if (bits is null)
        {
            findings.Add(PostureCatalogue.DkimBadRsaKey.Report(
                $"{where}: p= is neither an RSA SubjectPublicKeyInfo nor an RSAPublicKey"));
            return null;
        }

        if (bits < MinimumRsaBits)
        {
            findings.Add(PostureCatalogue.DkimRsaTooShort.Report(
                $"{where}: the RSA key is {bits} bits; verifiers must reject keys under {MinimumRsaBits} bits"));
        }
        else if (bits < RecommendedRsaBits)
        {
            findings.Add(PostureCatalogue.DkimRsaWeak.Report(
                $"{where}: the RSA key is {bits} bits; {RecommendedRsaBits} is the recommended minimum"));
        }

        return bits;
    }

    /// <summary>RFC 6376 publishes a SubjectPublicKeyInfo; some signers publish the bare PKCS#1 RSAPublicKey, which
    /// verifiers also accept, so both are read. Read with the ASN.1 reader rather than imported into the platform's
    /// crypto: only the modulus size is needed, and importing costs a third of a millisecond per key.</summary>
    private static int? RsaModulusBits(byte[] der)
    {
        try
        {
            var reader = new AsnReader(der, AsnEncodingRules.BER);
            var outer = reader.ReadSequence();
            if (reader.HasData)
            {
                return null;
            }

            AsnReader key;
            if (outer.PeekTag() == Asn1Tag.Sequence)
            {
                // SubjectPublicKeyInfo: { { rsaEncryption, NULL }, BIT STRING RSAPublicKey }
                var algorithm = outer.ReadSequence();
                if (algorithm.ReadObjectIdentifier() != RsaEncryptionOid)
                {
                    return null;
                }

                if (algorithm.HasData)
                {
                    algorithm.ReadNull();
                }

                var bits = outer.ReadBitString(out var unusedBits);
                if (unusedBits != 0 || outer.HasData || algorithm.HasData)
                {
                    return null;
                }

                var inner = new AsnReader(bits, AsnEncodingRules.BER);
                key = inner.ReadSequence();
                if (inner.HasData)
                {
                    return null;
                }
            }
            else
            {
                key = outer;
            }

            var modulus = key.ReadIntegerBytes().Span;
            var exponent = key.ReadIntegerBytes().Span;
            if (key.HasData || modulus.Length == 0 || exponent.Length == 0 || (modulus[0] & 0x80) != 0 || (exponent[0] & 0x80) != 0)
            {
                return null; // RSA modulus and exponent are positive integers
            }

            var i = 0;
            while (i < modulus.Length && modulus[i] == 0)
            {
                i++;
            }

            return i == modulus.Length ? 0 : (modulus.Length - i - 1) * 8 + (32 - System.Numerics.BitOperations.LeadingZeroCount((uint)modulus[i]));
        }
        catch (AsnContentException)
        {
            return null;
        }
    }
}

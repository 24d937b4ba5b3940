using System.Security.Cryptography;
using Reconciler.Posture;
using Reconciler.Posture.Dkim;

namespace Reconciler.Tests.Posture;

public sealed class DkimKeyGeneratorTests
{
    /// <summary>RFC 8032 §7.1, tests 1 to 3 and SHA(abc): secret key → public key.</summary>
    [Theory]
    [InlineData("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60", "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")]
    [InlineData("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb", "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c")]
    [InlineData("c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7", "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025")]
    [InlineData("833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42", "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf")]
    public void Ed25519_public_keys_match_rfc_8032(string secret, string expectedPublic)
    {
        var key = DkimKeyGenerator.Ed25519FromSeed(Convert.FromHexString(secret));
        Convert.ToHexStringLower(Convert.FromBase64String(key.PublicKey)).Should().Be(expectedPublic);
    }

    [Fact]
    public void Rfc_8463_example_key_is_reproduced_from_its_private_key()
    {
        // RFC 8463 Appendix A.1/A.2: the brisbane selector's Ed25519 key.
        var seed = Convert.FromBase64String("nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=");
        DkimKeyGenerator.Ed25519FromSeed(seed).PublicKey.Should().Be("11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=");
    }

    [Fact]
    public void Ed25519_private_key_is_pkcs8_and_round_trips()
    {
        var key = DkimKeyGenerator.Ed25519();
        key.PrivateKeyPem.Should().StartWith("-----BEGIN PRIVATE KEY-----");
        var der = PemEncoding.Find(key.PrivateKeyPem) is var f ? Convert.FromBase64String(key.PrivateKeyPem[f.Base64Data]) : [];
        der.Should().HaveCount(48, "RFC 8410 §10.3: a v1 Ed25519 private key is 48 bytes of DER");
        Convert.ToBase64String(DkimKeyGenerator.Ed25519PublicKeyOf(der)).Should().Be(key.PublicKey);
        DkimKeyCheck.Check($"v=DKIM1; k=ed25519; p={key.PublicKey}").Findings.Should().BeEmpty();
    }

    [Fact]
    public void Rsa_keys_are_2048_bits_and_pass_the_dkim_check()
    {
        var key = DkimKeyGenerator.Rsa();
        using var rsa = RSA.Create();
        rsa.ImportFromPem(key.PrivateKeyPem);
        rsa.KeySize.Should().Be(2048);
        Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo()).Should().Be(key.PublicKey);
        var check = DkimKeyCheck.Check($"v=DKIM1; k=rsa; p={key.PublicKey}");
        check.Findings.Should().BeEmpty();
        check.Record!.KeySizeBits.Should().Be(2048);
    }

    [Fact]
    public void Two_keys_differ()
    {
        DkimKeyGenerator.Ed25519().PublicKey.Should().NotBe(DkimKeyGenerator.Ed25519().PublicKey);
    }

    [Fact]
    public void A_non_ed25519_pkcs8_is_refused()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var act = () => DkimKeyGenerator.Ed25519SeedFromPkcs8(ec.ExportPkcs8PrivateKey());
        act.Should().Throw<CryptographicException>();
    }
}

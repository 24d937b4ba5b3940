using System.Security.Cryptography;
using Reconciler.Posture;
using Reconciler.Posture.Dkim;

namespace Reconciler.Tests.Posture;

public sealed class DkimTests
{
    /// <summary>RFC 6376 Appendix C, the public key of the example signing key (1024-bit RSA).</summary>
    private const string Rfc6376Key =
        "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDwIRP/UC3SBsEmGqZ9ZJW3/DkMoGeLnQg1fWn7/zYtIxN2SnFCjxOCKG9v3b4jYfcTNh5ijSsq631uBItLa7od+v/RtdC2UzJ1lWT947qR+Rcac2gbto/NMqJ0fzfVjH4OuKhitdY9tf6mcwGjaNBcWToIMmPSPDdQPNUYckcQ2QIDAQAB";

    /// <summary>RFC 8463 Appendix A.2, brisbane._domainkey.football.example.com.</summary>
    private const string Rfc8463Ed25519Record = "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";

    /// <summary>RFC 8463 Appendix A.2, test._domainkey.football.example.com.</summary>
    private const string Rfc8463RsaRecord =
        "v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDkHlOQoBTzWRiGs5V6NpP3idY6Wk08a5qhdR6wy5bdOKb2jLQiY/J16JYi0Qvx/byYzCNb3W91y3FutACDfzwQ/BC/e/8uBsCR+yz1Lxj+PL6lHvqMKrM3rG4hstT5QjvHO9PzoxZyVYLzBfO2EeC3Ip3G+2kryOTIKT+l/K4w3QIDAQAB";

    [Fact]
    public void Rfc_6376_example_key_is_1024_bits_and_gets_a_warning()
    {
        var result = DkimKeyCheck.Check("v=DKIM1; p=" + Rfc6376Key, "brisbane._domainkey.example.com");
        result.Record!.KeyType.Should().Be("rsa");
        result.Record.KeySizeBits.Should().Be(1024);
        result.Findings.Should().ContainSingle().Which.Should().Match<PostureFinding>(f =>
            f.Code == "DKIM008" && f.Severity == FindingSeverity.Warning && f.Message.Contains("1024 bits"));
    }

    [Fact]
    public void Rfc_8463_ed25519_key_is_accepted()
    {
        var result = DkimKeyCheck.Check(Rfc8463Ed25519Record);
        result.Findings.Should().BeEmpty();
        result.Record!.KeyType.Should().Be("ed25519");
        result.Record.KeySizeBits.Should().Be(256);
    }

    [Fact]
    public void Rfc_8463_rsa_key_is_read() =>
        DkimKeyCheck.Check(Rfc8463RsaRecord).Record!.KeySizeBits.Should().Be(1024);

    [Fact]
    public void A_2048_bit_key_has_no_findings_in_either_encoding()
    {
        using var rsa = RSA.Create(2048);
        var spki = DkimKeyCheck.Check("v=DKIM1; k=rsa; p=" + Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo()));
        spki.Findings.Should().BeEmpty();
        spki.Record!.KeySizeBits.Should().Be(2048);
        var pkcs1 = DkimKeyCheck.Check("v=DKIM1; p=" + Convert.ToBase64String(rsa.ExportRSAPublicKey()));
        pkcs1.Record!.KeySizeBits.Should().Be(2048);
    }

    [Fact]
    public void A_key_under_1024_bits_is_an_error()
    {
        using var rsa = RSA.Create(768);
        var result = DkimKeyCheck.Check("v=DKIM1; p=" + Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo()));
        result.Record!.KeySizeBits.Should().Be(768);
        result.Findings.Should().ContainSingle(f => f.Code == "DKIM007" && f.Severity == FindingSeverity.Error);
    }

    [Fact]
    public void Key_split_over_several_strings_with_spaces_still_decodes()
    {
        var spaced = "v=DKIM1; p=" + string.Join(' ', Rfc6376Key.Chunk(60).Select(c => new string(c)));
        DkimKeyCheck.Check(spaced).Record!.KeySizeBits.Should().Be(1024);
    }

    [Fact]
    public void Empty_p_is_a_revoked_key()
    {
        var result = DkimKeyCheck.Check("v=DKIM1; p=");
        result.Record!.IsRevoked.Should().BeTrue();
        result.Findings.Single().Code.Should().Be("DKIM004");
    }

    [Fact]
    public void Flags_and_defaults()
    {
        var record = DkimKeyCheck.Check($"v=DKIM1; t=s; n=rotated in May; p={Rfc6376Key}").Record!;
        record.IsStrict.Should().BeTrue();
        record.IsTesting.Should().BeFalse();
        record.ServiceTypes.Should().Equal("*");
        record.HashAlgorithms.Should().BeNull();
        record.Notes.Should().Be("rotated in May");
    }

    [Theory]
    [InlineData("v=DKIM2; p=" + Rfc6376Key, "DKIM002")]
    [InlineData("k=rsa; v=DKIM1; p=" + Rfc6376Key, "DKIM002")]
    [InlineData("v=DKIM1; k=rsa", "DKIM003")]
    [InlineData("v=DKIM1; p=not*base64", "DKIM005")]
    [InlineData("v=DKIM1; k=rsa; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=", "DKIM006")]
    [InlineData("v=DKIM1; k=ed25519; p=MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=", "DKIM009")]
    [InlineData("v=DKIM1; k=dsa; p=" + Rfc6376Key, "DKIM010")]
    [InlineData("v=DKIM1; t=y; p=" + Rfc6376Key, "DKIM011")]
    [InlineData("v=DKIM1; h=sha1; p=" + Rfc6376Key, "DKIM012")]
    [InlineData("v=DKIM1; s=tlsrpt; p=" + Rfc6376Key, "DKIM013")]
    [InlineData("v=DKIM1; x=1; p=" + Rfc6376Key, "DKIM014")]
    [InlineData("v=DKIM1; p=" + Rfc6376Key + "; p=" + Rfc6376Key, "DKIM015")]
    [InlineData("v=DKIM1; h=md5; p=" + Rfc6376Key, "DKIM017")]
    public void Reports_bad_records(string text, string code)
    {
        var result = DkimKeyCheck.Check(text, "sel._domainkey.example.com");
        result.Findings.Should().Contain(f => f.Code == code, string.Join("\n", result.Findings));
        result.Findings.First(f => f.Code == code).Message.Should().Contain("sel._domainkey.example.com");
    }

    [Theory]
    [InlineData("v=DKIM1; h=sha1:sha256; p=" + Rfc6376Key)]
    [InlineData("v=DKIM1; s=email; p=" + Rfc6376Key)]
    [InlineData("p=" + Rfc6376Key)]
    public void Acceptable_variations_only_carry_the_key_size_warning(string text) =>
        DkimKeyCheck.Check(text).Findings.Select(f => f.Code).Should().Equal("DKIM008");

    [Fact]
    public void The_ed25519_spki_hint_says_what_to_publish() =>
        DkimKeyCheck.Check("v=DKIM1; k=ed25519; p=MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=")
            .Findings.Single().Message.Should().Contain("44 bytes").And.Contain("last 32 bytes");

    [Fact]
    public async Task Looks_up_the_selector_through_the_resolver()
    {
        var zone = new InMemoryPostureResolver()
            .AddTxt("brisbane._domainkey.football.example.com", Rfc8463Ed25519Record)
            .AddCname("s1._domainkey.football.example.com", "s1.dkim.provider.example")
            .AddTxt("s1.dkim.provider.example", Rfc8463RsaRecord)
            .AddTxt("two._domainkey.football.example.com", Rfc8463Ed25519Record, Rfc8463RsaRecord)
            .AddTimeout("slow._domainkey.football.example.com");
        var inspector = new PostureInspector(zone);

        (await inspector.InspectDkimAsync("football.example.com", "brisbane", default)).Findings.Should().BeEmpty();
        (await inspector.InspectDkimAsync("football.example.com", "s1", default)).Record!.KeySizeBits.Should().Be(1024);
        (await inspector.InspectDkimAsync("football.example.com", "nope", default)).Findings.Single().Code.Should().Be("DKIM001");
        (await inspector.InspectDkimAsync("football.example.com", "two", default)).Findings.Single().Code.Should().Be("DKIM016");
        (await inspector.InspectDkimAsync("football.example.com", "slow", default)).Findings.Single().Code.Should().Be("DKIM018");
    }
}

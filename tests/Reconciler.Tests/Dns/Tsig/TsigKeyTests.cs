using Reconciler.Dns;
using Reconciler.Dns.Tsig;

namespace Reconciler.Tests.Dns.Tsig;

public class TsigKeyTests
{
    private const string Secret = "9C4tVF6Y4plyvO6sZrsGxotFuYB5fCg5jwgcB7PRaA8=";

    [Fact]
    public void Reads_what_tsig_keygen_writes()
    {
        var key = TsigKey.Parse($$"""
            # made by tsig-keygen
            key "TestKey" {
                algorithm hmac-sha256;
                secret "{{Secret}}";
            };
            """);
        key.Name.Should().Be(DnsName.Parse("testkey."));
        key.Algorithm.Should().BeSameAs(TsigAlgorithm.HmacSha256);
    }

    [Theory]
    [InlineData("testkey:hmac-sha512:" + Secret, "hmac-sha512")]
    [InlineData("hmac-sha256:testkey:" + Secret, "hmac-sha256")]
    [InlineData("testkey.:HMAC-MD5.SIG-ALG.REG.INT:" + Secret, "hmac-md5")]
    public void Reads_the_one_line_forms(string text, string algorithm)
    {
        var key = TsigKey.Parse(text);
        key.Name.Should().Be(DnsName.Parse("testkey."));
        key.Algorithm.Mnemonic.Should().Be(algorithm);
        key.Algorithm.CanSignChanges.Should().Be(algorithm != "hmac-md5");
    }

    [Theory]
    [InlineData("testkey:hmac-sha1024:" + Secret)]
    [InlineData("testkey:hmac-sha256:not base64 " + Secret)]
    [InlineData(Secret)]
    [InlineData("key \"k\" { algorithm hmac-sha256; \"" + Secret + "\"; };")]
    [InlineData("key \"k\" { algorithm hmac-sha256; secrt \"" + Secret + "\"; };")]
    [InlineData("key \"k\" { algorithm hmac-sha256; secret \"" + Secret + "\"; }; key \"j\" { algorithm hmac-sha256; secret \"" + Secret + "\"; };")]
    [InlineData("k..y:hmac-sha256:" + Secret)]
    [InlineData(Secret + ":hmac-sha256:testkey")]
    public void Errors_never_show_the_secret(string text)
    {
        var act = () => TsigKey.Parse(text, "tsigKey 'file:/etc/reconciler/tsig.key'");
        var error = act.Should().Throw<FormatException>().Which;
        error.Message.Should().StartWith("tsigKey 'file:/etc/reconciler/tsig.key'");
        error.Message.Should().NotContain(Secret).And.NotContain(Secret[..12]);
    }

    [Fact]
    public void ToString_names_the_key_not_the_secret()
    {
        var key = TsigKey.Parse($"testkey:hmac-sha256:{Secret}");
        key.ToString().Should().Be("TSIG key testkey (hmac-sha256)");
        key.ToString().Should().NotContain(Secret[..8]);
    }
}

using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Reconciler.Posture.Dkim;
using Reconciler.Tests.Common;
using Reconciler.Tests.Shared;

namespace Reconciler.Tests.Cli;

/// <summary>`reconciler dkim keygen` through the built binary.</summary>
public sealed partial class DkimCliTests
{
    [Theory]
    [InlineData("rsa2048", "rsa")]
    [InlineData("ed25519", "ed25519")]
    public async Task Keygen_writes_a_0600_key_and_prints_the_matching_record_and_manifest_entry(string type, string k)
    {
        using var dir = TempPortfolio.Empty();
        var r = await ReconcilerProcess.RunAsync(dir.Path, "dkim", "keygen", "--selector", "s2026", "--type", type);
        r.ExitCode.Should().Be(0, r.Output);

        var file = Path.Combine(dir.Path, "s2026.dkim.pem");
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(file).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var pem = await File.ReadAllTextAsync(file);
        pem.Should().StartWith("-----BEGIN PRIVATE KEY-----");
        r.StdOut.Should().NotContain("PRIVATE KEY-----", "the private key only goes to the file");

        var record = RecordLine().Match(r.StdOut);
        record.Success.Should().BeTrue(r.StdOut);
        var strings = TxtString().Matches(record.Groups["strings"].Value).Select(m => m.Groups[1].Value).ToList();
        strings.Should().OnlyContain(s => s.Length <= 255);
        var text = string.Concat(strings);
        text.Should().StartWith($"v=DKIM1; k={k}; p=");
        var check = DkimKeyCheck.Check(text, "s2026._domainkey");
        check.Findings.Should().BeEmpty();

        var publicKey = PublicKeyOf(pem, k);
        check.Record!.PublicKey.Should().Be(publicKey, "the record publishes the private key's public half");
        r.StdOut.Should().Contain($"- {{ selector: s2026, type: {k}, publicKey: \"{publicKey}\" }}");
    }

    [Fact]
    public async Task The_ed25519_key_file_is_one_openssl_reads()
    {
        ExternalTool.IsInstalled("openssl").Should().BeTrue("openssl is the independent check of the key file");
        using var dir = TempPortfolio.Empty();
        var r = await ReconcilerProcess.RunAsync(dir.Path, "dkim", "keygen", "-s", "ed1", "-t", "ed25519", "--out", "ed1.pem");
        r.ExitCode.Should().Be(0, r.Output);
        var text = await ExternalTool.RunAsync("openssl", ["pkey", "-in", "ed1.pem", "-noout", "-text"], dir.Path);
        text.ExitCode.Should().Be(0, text.Output);
        text.StdOut.Should().Contain("ED25519 Private-Key");
        var pub = Convert.FromHexString(string.Concat(Regex.Match(text.StdOut, @"pub:\s*((?:[0-9a-f]{2}:?\s*)+)").Groups[1].Value.Where(char.IsAsciiHexDigit)));
        r.StdOut.Should().Contain($"p={Convert.ToBase64String(pub)}\"");
    }

    [Fact]
    public async Task Stdout_carries_only_the_private_key_when_asked()
    {
        using var dir = TempPortfolio.Empty();
        var r = await ReconcilerProcess.RunAsync(dir.Path, "dkim", "keygen", "-s", "piped", "-t", "ed25519", "--stdout");
        r.ExitCode.Should().Be(0, r.Output);
        r.StdOut.Trim().Should().StartWith("-----BEGIN PRIVATE KEY-----").And.EndWith("-----END PRIVATE KEY-----");
        r.StdErr.Should().Contain("piped._domainkey TXT \"v=DKIM1; k=ed25519; p=");
        Directory.GetFiles(dir.Path).Should().BeEmpty();
    }

    [Fact]
    public async Task An_existing_key_file_is_never_overwritten()
    {
        using var dir = TempPortfolio.Empty();
        var file = dir.Write("old.pem", "keep me");
        var r = await ReconcilerProcess.RunAsync(dir.Path, "dkim", "keygen", "-s", "s1", "--out", "old.pem");
        r.ExitCode.Should().Be(1, r.Output);
        r.StdErr.Should().Contain("old.pem already exists");
        (await File.ReadAllTextAsync(file)).Should().Be("keep me");
    }

    [Theory]
    [InlineData("--selector", "Bad_Selector")]
    [InlineData("--type", "rsa1024")]
    [InlineData("--stdout", "--out=x.pem")]
    public async Task Usage_errors_exit_2(string option, string value)
    {
        using var dir = TempPortfolio.Empty();
        var args = option == "--selector" ? new[] { "dkim", "keygen", option, value } : ["dkim", "keygen", "-s", "ok", option, value];
        var r = await ReconcilerProcess.RunAsync(dir.Path, args);
        r.ExitCode.Should().Be(2, r.Output);
        Directory.GetFiles(dir.Path).Should().BeEmpty();
    }

    private static string PublicKeyOf(string pem, string k)
    {
        if (k == "rsa")
        {
            using var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            return Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo());
        }

        var fields = PemEncoding.Find(pem);
        return Convert.ToBase64String(DkimKeyGenerator.Ed25519PublicKeyOf(Convert.FromBase64String(pem[fields.Base64Data])));
    }

    [GeneratedRegex(@"^s2026\._domainkey TXT (?<strings>("".*?"" ?)+)$", RegexOptions.Multiline)]
    private static partial Regex RecordLine();

    [GeneratedRegex(@"""([^""]*)""")]
    private static partial Regex TxtString();
}

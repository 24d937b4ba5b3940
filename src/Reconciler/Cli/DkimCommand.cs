using System.CommandLine;
using System.Text;
using System.Text.RegularExpressions;
using Reconciler.Posture.Dkim;
using Reconciler.Posture.Spf;
using Reconciler.Schema.Model;

namespace Reconciler.Cli;

/// <summary>`reconciler dkim keygen`: a new DKIM key, its DNS record and its manifest entry.</summary>
public static partial class DkimCommand
{
    public const string Rsa2048 = "rsa2048";
    public const string Ed25519 = "ed25519";

    public static Command Create(CliServices services)
    {
        var command = new Command("dkim", "DKIM keys.");
        command.Subcommands.Add(KeyGen(services));
        return command;
    }

    private static Command KeyGen(CliServices services)
    {
        var selector = new Option<string>("--selector", "-s") { Description = "The selector, e.g. s2026 (lower case letters, digits, '-', '.').", Required = true };
        var type = new Option<string>("--type", "-t") { Description = "Key type: rsa2048 (default) or ed25519 (RFC 8463; sign with both while receivers catch up).", DefaultValueFactory = _ => Rsa2048 };
        type.AcceptOnlyFromAmong(Rsa2048, Ed25519);
        var output = new Option<string?>("--out", "-o") { Description = "File for the private key (PKCS#8 PEM), created with mode 0600; never overwritten. Default: <selector>.dkim.pem." };
        var toStdout = new Option<bool>("--stdout") { Description = "Print the private key on standard output instead (the record and manifest entry go to standard error)." };
        var command = new Command("keygen", "Create a DKIM key: the private key goes to a file only you can read; prints the DNS record and the mail.dkim entry.")
        {
            selector, type, output, toStdout,
        };
        command.SetAction(async (parse, ct) =>
        {
            var name = parse.GetValue(selector)!;
            if (!SelectorPattern().IsMatch(name) || name.Length > 63)
            {
                await services.Error.WriteLineAsync($"reconciler: '{name}' is not a selector: use lower case letters, digits and '-' (labels separated by '.'), at most 63 characters.");
                return ExitCodes.Usage;
            }

            var file = parse.GetValue(output);
            var stdout = parse.GetValue(toStdout);
            if (stdout && file is not null)
            {
                await services.Error.WriteLineAsync("reconciler: --out and --stdout exclude each other: the private key goes to one place.");
                return ExitCodes.Usage;
            }

            var key = parse.GetValue(type) == Ed25519 ? DkimKeyGenerator.Ed25519() : DkimKeyGenerator.Rsa();
            var info = stdout ? services.Error : services.Out;
            if (stdout)
            {
                await services.Out.WriteAsync(key.PrivateKeyPem + "\n");
            }
            else
            {
                file ??= $"{name}.dkim.pem";
                try
                {
                    await WritePrivateKeyAsync(file, key.PrivateKeyPem, ct);
                }
                catch (IOException) when (File.Exists(file))
                {
                    await services.Error.WriteLineAsync($"reconciler: {file} already exists; a key file is never overwritten: choose another --out or move the old file away.");
                    return ExitCodes.Errors;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    await services.Error.WriteLineAsync($"reconciler: cannot create {file}: {e.Message}");
                    return ExitCodes.Errors;
                }

                await info.WriteLineAsync($"Private key: {file} ({key}, PKCS#8 PEM, mode 0600). Install it in the signer; keep it out of Git.");
                await info.WriteLineAsync();
            }

            var today = DateOnly.FromDateTime(services.Clock.GetUtcNow().UtcDateTime);
            await info.WriteAsync(Describe(name, key, today));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The DNS record in zone-file form (strings of at most 255 octets), the manifest entry and the rotation
    /// steps.</summary>
    public static string Describe(string selector, DkimKeyPair key, DateOnly today)
    {
        var dkimType = key.Type == "ed25519" ? DkimKeyType.Ed25519 : DkimKeyType.Rsa;
        var text = MailDnsRecords.DkimText(new DkimSelector(selector, dkimType, key.PublicKey, false, DkimState.Active, false, default));
        var strings = string.Join(' ', TxtStrings.Split(text).Select(s => $"\"{s}\""));
        var sb = new StringBuilder();
        sb.Append("DNS record (`reconciler apply` publishes it once the selector is in the manifest):\n");
        sb.Append($"{selector}._domainkey TXT {strings}\n\n");
        sb.Append("Manifest entry (mail.dkim):\n");
        sb.Append($"    - {{ selector: {selector}, type: {key.Type}, publicKey: \"{key.PublicKey}\" }}\n\n");
        sb.Append($"Rotation: once the signer uses the new key, mark the old selector `state: retiring, retiringSince: {today:yyyy-MM-dd}`;\n");
        sb.Append("`plan` removes its record safety.retireDkimAfterDays days later.\n");
        return sb.ToString();
    }

    /// <summary>Creates the file with mode 0600 from the start (never a moment readable by others) and never
    /// replaces an existing one.</summary>
    private static async Task WritePrivateKeyAsync(string file, string pem, CancellationToken ct)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var stream = new FileStream(file, options);
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false));
        await writer.WriteAsync(pem.AsMemory(), ct);
        await writer.WriteAsync("\n".AsMemory(), ct);
    }

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$")]
    private static partial Regex SelectorPattern();
}

using Reconciler.Tests.Common;

namespace Reconciler.Tests.Providers.PostfixDovecot;

/// <summary>Postfix and Dovecot command-line tools (Debian packages postfix, dovecot-core); a missing one fails the test.</summary>
internal static class MailTools
{
    public static string Path(string tool)
    {
        foreach (var dir in new[] { "/usr/sbin", "/usr/bin", "/sbin", "/bin" })
        {
            var candidate = System.IO.Path.Combine(dir, tool);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        ExternalTool.IsInstalled(tool).Should().BeTrue($"{tool} (Debian packages postfix / dovecot-core) is needed for this test");
        return tool;
    }

    /// <summary>
    /// A folder with a minimal main.cf for <c>postmap -c</c>: Debian's "No configuration" install has no
    /// /etc/postfix/main.cf, and postmap refuses to run without one (recipe pitfall P-2).
    /// </summary>
    public static string PostfixConfigFolder(string parent)
    {
        var dir = System.IO.Path.Combine(parent, "postfix-conf");
        Directory.CreateDirectory(dir);
        File.WriteAllText(System.IO.Path.Combine(dir, "main.cf"), "compatibility_level = 3.6\n");
        return dir;
    }

    public static async Task PostmapAsync(string configFolder, string mapFile)
    {
        var result = await ExternalTool.RunAsync(Path("postmap"), ["-c", configFolder, "hash:" + mapFile]);
        result.ExitCode.Should().Be(0, result.Output);
    }

    /// <summary>The value postmap finds for <paramref name="key"/>, or null when the key is not in the map (exit 1).</summary>
    public static async Task<string?> PostmapQueryAsync(string configFolder, string mapFile, string key)
    {
        var result = await ExternalTool.RunAsync(Path("postmap"), ["-c", configFolder, "-q", key, "hash:" + mapFile]);
        result.ExitCode.Should().BeOneOf([0, 1], result.Output);
        return result.ExitCode == 0 ? result.StdOut.TrimEnd('\n') : null;
    }

    public static async Task<string> HashAsync(string password)
    {
        var result = await ExternalTool.RunAsync(Path("doveadm"), ["pw", "-s", "SHA512-CRYPT", "-p", password]);
        result.ExitCode.Should().Be(0, result.Output);
        return result.StdOut.Trim();
    }
}

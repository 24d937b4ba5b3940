using System.Diagnostics;

namespace Reconciler.Providers.PostfixDovecot;

/// <summary>Runs postmap or the reload command of a live mail host and captures what it printed.</summary>
internal static class HostCommand
{
    public sealed record Result(int ExitCode, string Output);

    public static async Task<Result> RunAsync(string fileName, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {fileName}");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return new Result(process.ExitCode, ((await stdout) + (await stderr)).Trim());
    }

    /// <summary>A Postfix tool by name: /usr/sbin is often missing from PATH for non-root users.</summary>
    public static string PostfixTool(string name)
    {
        foreach (var dir in new[] { "/usr/sbin", "/usr/local/sbin", "/sbin" })
        {
            var path = Path.Combine(dir, name);
            if (File.Exists(path))
            {
                return path;
            }
        }

        return name;
    }
}

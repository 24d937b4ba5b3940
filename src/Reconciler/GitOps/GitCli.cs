using System.Diagnostics;

namespace Reconciler.GitOps;

/// <summary>The `git` command line, the only Git implementation here (the registry copy has no LibGit2Sharp).</summary>
public static class GitCli
{
    /// <summary>The commit checked out in the work tree holding <paramref name="directory"/>, or null when it is not one.</summary>
    public static async Task<string?> TryGetHeadAsync(string directory, CancellationToken ct)
    {
        var (code, output) = await RunAsync(directory, ct, "rev-parse", "HEAD");
        return code == 0 ? output.Trim() : null;
    }

    public static async Task<(int ExitCode, string Output)> RunAsync(string directory, CancellationToken ct, params string[] args)
    {
        var psi = new ProcessStartInfo("git")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["GIT_TERMINAL_PROMPT"] = "0";
        try
        {
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync(ct);
            var stderr = p.StandardError.ReadToEndAsync(ct);
            await p.WaitForExitAsync(ct);
            return (p.ExitCode, await stdout + await stderr);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return (127, "git is not installed");
        }
    }
}

using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Reconciler.GitOps;

/// <summary>The `git` command line, the only Git implementation here (the registry copy has no LibGit2Sharp).</summary>
public static partial class GitCli
{
    /// <summary>The commit checked out in the work tree holding <paramref name="directory"/>, or null when it is not one.</summary>
    public static async Task<string?> TryGetHeadAsync(string directory, CancellationToken ct)
    {
        var (code, output) = await RunAsync(directory, ct, "rev-parse", "HEAD");
        return code == 0 ? output.Trim() : null;
    }

    public static async Task<(int ExitCode, string Output)> RunAsync(string directory, CancellationToken ct, params string[] args)
    {
        var r = await RunAsync(directory, null, null, ct, args);
        return (r.ExitCode, r.StdOut + r.StdErr);
    }

    /// <summary>
    /// Runs git with extra environment (credentials travel there, never in arguments) and optional standard input.
    /// Output is returned as written; use <see cref="Redact"/> before showing it to anyone.
    /// </summary>
    public static async Task<GitResult> RunAsync(
        string directory,
        IReadOnlyDictionary<string, string>? environment,
        string? stdin,
        CancellationToken ct,
        params string[] args)
    {
        var psi = new ProcessStartInfo("git")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["GIT_TERMINAL_PROMPT"] = "0";
        psi.Environment["LC_ALL"] = "C";
        if (environment is not null)
        {
            foreach (var (k, v) in environment)
            {
                psi.Environment[k] = v;
            }
        }

        try
        {
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync(ct);
            var stderr = p.StandardError.ReadToEndAsync(ct);
            if (stdin is not null)
            {
                await p.StandardInput.WriteAsync(stdin.AsMemory(), ct);
                p.StandardInput.Close();
            }

            try
            {
                await p.WaitForExitAsync(ct);
            }
            catch (OperationCanceledException)
            {
                p.Kill(entireProcessTree: true);
                throw;
            }

            return new GitResult(p.ExitCode, await stdout, await stderr);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return new GitResult(127, "", "git is not installed");
        }
    }

    /// <summary>Removes credentials a URL may carry (<c>https://user:token@host</c>) from text about to be logged.</summary>
    public static string Redact(string text) => UrlCredentials().Replace(text, "$1***@");

    [GeneratedRegex(@"([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\s]+@")]
    private static partial Regex UrlCredentials();
}

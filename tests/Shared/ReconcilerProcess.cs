using System.Diagnostics;
using Reconciler.Tests.Common;

namespace Reconciler.Tests.Shared;

/// <summary>Runs the built `reconciler` (the same reconciler.dll the test project references) as a separate process.</summary>
public static class ReconcilerProcess
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "reconciler.dll");

    public static Task<ExternalTool.Result> RunAsync(string workingDirectory, params string[] args) =>
        RunAsync(workingDirectory, null, args);

    public static Task<ExternalTool.Result> RunAsync(string workingDirectory, IDictionary<string, string>? environment, params string[] args) =>
        ExternalTool.RunAsync(
            "dotnet",
            [Dll, .. args],
            workingDirectory,
            new Dictionary<string, string>(environment ?? new Dictionary<string, string>()) { ["NO_COLOR"] = "1" },
            timeout: TimeSpan.FromMinutes(3));

    /// <summary>Starts it without waiting (for tests that kill it); output is drained in the background.</summary>
    public static Process Start(string workingDirectory, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        psi.ArgumentList.Add(Dll);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["NO_COLOR"] = "1";
        var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start reconciler");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}

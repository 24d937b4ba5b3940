using System.Diagnostics;
using System.Globalization;

namespace Reconciler.Bench;

/// <summary>Runs a command to completion and reports wall time and its peak resident memory (VmHWM, polled).</summary>
public static class Measurement
{
    public sealed record Result(TimeSpan Elapsed, long PeakBytes, int ExitCode, string Output);

    public static Result Run(string file, string workingDirectory, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["NO_COLOR"] = "1";
        var watch = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        long peak = 0;
        // VmHWM only grows, so the last reading before exit is the peak (to within one poll interval). Polling
        // faster than every 20 ms takes enough CPU from the measured process on 2 cores to show in its time.
        while (!p.WaitForExit(20))
        {
            peak = Math.Max(peak, ReadHwm(p.Id));
        }

        watch.Stop();
        return new Result(watch.Elapsed, peak, p.ExitCode, stdout.Result + stderr.Result);
    }

    private static long ReadHwm(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
            // the process ended between the check and the read
        }

        return 0;
    }
}

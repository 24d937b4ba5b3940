using System.Diagnostics;
using System.Globalization;

namespace Reconciler.Migration;

/// <summary>This process's CPU time and peak memory (Linux: VmHWM from /proc/self/status), for the run report.</summary>
public sealed record ProcessUsage(TimeSpan Cpu, long PeakMemoryBytes)
{
    public static ProcessUsage Current()
    {
        using var self = Process.GetCurrentProcess();
        return new ProcessUsage(self.TotalProcessorTime, PeakResident() ?? self.PeakWorkingSet64);
    }

    private static long? PeakResident()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    var kb = line[6..].Trim().Split(' ')[0];
                    return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return null;
    }
}

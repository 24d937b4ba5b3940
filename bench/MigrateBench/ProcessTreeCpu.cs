using System.Globalization;

namespace Reconciler.MigrateBench;

/// <summary>
/// CPU seconds used by a process and all its descendants, live and exited (utime+stime of the living, plus the
/// cutime+cstime their parents collected): what a Dovecot instance cost, whatever else runs on the machine.
/// </summary>
internal static class ProcessTreeCpu
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    public static double Seconds(int root) => Split(root).User + Split(root).System;

    /// <summary>User and system seconds separately (system time grows with file and socket work).</summary>
    public static (double User, double System) Split(int root)
    {
        var stats = new Dictionary<int, (int Parent, long User, long System)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var text = File.ReadAllText(Path.Combine(dir, "stat"));
                // Fields after the parenthesised command: state ppid ... utime(14) stime(15) cutime(16) cstime(17).
                var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
                var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
                var user = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[13], CultureInfo.InvariantCulture);
                var system = long.Parse(fields[12], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
                stats[pid] = (parent, user, system);
            }
            catch (IOException)
            {
                // exited meanwhile
            }
        }

        long userTotal = 0, systemTotal = 0;
        foreach (var (pid, (_, user, system)) in stats)
        {
            for (var p = pid; stats.TryGetValue(p, out var s); p = s.Parent)
            {
                if (p == root)
                {
                    userTotal += user;
                    systemTotal += system;
                    break;
                }

                if (s.Parent <= 1)
                {
                    break;
                }
            }
        }

        return (userTotal / TicksPerSecond, systemTotal / TicksPerSecond);
    }
}

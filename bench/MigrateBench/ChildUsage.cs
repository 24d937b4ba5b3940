using System.Runtime.InteropServices;

namespace Reconciler.MigrateBench;

/// <summary>
/// getrusage(RUSAGE_CHILDREN): CPU time and peak resident set of terminated, waited-for children. The
/// difference across one child's run is that child's CPU; the peak is the largest child's VmHWM.
/// </summary>
internal static partial class ChildUsage
{
    private const int RusageChildren = -1;

    public static (TimeSpan Cpu, long MaxRssBytes) Read()
    {
        if (GetRusage(RusageChildren, out var u) != 0)
        {
            throw new InvalidOperationException("getrusage failed: " + Marshal.GetLastPInvokeError());
        }

        var cpu = TimeSpan.FromSeconds(u.UserSeconds + u.UserMicroseconds / 1e6 + u.SystemSeconds + u.SystemMicroseconds / 1e6);
        return (cpu, u.MaxRss * 1024);
    }

    [LibraryImport("libc", EntryPoint = "getrusage", SetLastError = true)]
    private static partial int GetRusage(int who, out Rusage usage);

    [StructLayout(LayoutKind.Sequential)]
    private struct Rusage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        public long MaxRss;
        public long Ixrss;
        public long Idrss;
        public long Isrss;
        public long Minflt;
        public long Majflt;
        public long Nswap;
        public long Inblock;
        public long Oublock;
        public long Msgsnd;
        public long Msgrcv;
        public long Nsignals;
        public long Nvcsw;
        public long Nivcsw;
    }
}

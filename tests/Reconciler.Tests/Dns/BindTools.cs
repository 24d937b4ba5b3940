using Reconciler.Tests.Common;

namespace Reconciler.Tests.Dns;

/// <summary>BIND's zone tools (Debian bind9-utils), wherever the package put them; a missing tool fails the test.</summary>
internal static class BindTools
{
    public static string Path(string tool)
    {
        foreach (var dir in new[] { "/usr/bin", "/usr/sbin", "/bin", "/sbin" })
        {
            var candidate = System.IO.Path.Combine(dir, tool);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        ExternalTool.IsInstalled(tool).Should().BeTrue($"{tool} (Debian package bind9-utils) is needed for this test");
        return tool;
    }

    public static Task<ExternalTool.Result> CheckZoneAsync(string origin, string file) =>
        ExternalTool.RunAsync(Path("named-checkzone"), [origin, file]);

    /// <summary>BIND's canonical dump of a zone file: one absolute line per record.</summary>
    public static Task<ExternalTool.Result> CompileZoneAsync(string origin, string file) =>
        ExternalTool.RunAsync(Path("named-compilezone"), ["-q", "-o", "-", origin, file]);
}

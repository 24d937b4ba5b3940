namespace Reconciler.Tests.Common;

/// <summary>Finds the repository root and the published test suites beside it, from wherever the tests run.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    /// <summary>`../shared/testsuites` relative to the repository root, or RECONCILER_TESTSUITES when set.</summary>
    public static string TestSuites =>
        Environment.GetEnvironmentVariable("RECONCILER_TESTSUITES") is { Length: > 0 } env
            ? env
            : Path.GetFullPath(Path.Combine(Root, "..", "shared", "testsuites"));

    public static string InRepo(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Reconciler.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Reconciler.sln not found above " + AppContext.BaseDirectory);
    }
}

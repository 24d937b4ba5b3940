namespace Reconciler.Tests.Common;

/// <summary>
/// Writes a published suite's ran/passed/skipped table to artifacts/test-summaries/, which scripts/test prints after
/// the run: the console logger shows no output of passing tests, and these counts are what a reader wants to see.
/// </summary>
public static class SuiteReport
{
    public static void Write(string name, string text)
    {
        var folder = RepoPaths.InRepo("artifacts", "test-summaries");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, name + ".txt"), text);
    }
}

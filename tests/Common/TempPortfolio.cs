namespace Reconciler.Tests.Common;

/// <summary>A throw-away copy of a portfolio folder (or an empty one), deleted on dispose.</summary>
public sealed class TempPortfolio : IDisposable
{
    private TempPortfolio(string path) => Path = path;

    public string Path { get; }

    public static TempPortfolio Empty()
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "rcl-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(System.IO.Path.Combine(path, "domains"));
        Directory.CreateDirectory(System.IO.Path.Combine(path, "templates"));
        return new TempPortfolio(path);
    }

    public static TempPortfolio CopyOf(string source)
    {
        var p = Empty();
        CopyDirectory(source, p.Path);
        return p;
    }

    public string Write(string relativePath, string text)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return full;
    }

    public static void CopyDirectory(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var dir in Directory.GetDirectories(source, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(System.IO.Path.Combine(target, System.IO.Path.GetRelativePath(source, dir)));
        }

        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, System.IO.Path.Combine(target, System.IO.Path.GetRelativePath(source, file)), overwrite: true);
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a test's leftover temp folder is not worth failing over
        }
    }
}

using System.Text.Json;

namespace Reconciler.Integration.Tests.Migration;

/// <summary>A temp folder holding a job file, its password files and its checkpoint; deleted afterwards.</summary>
public sealed class JobFolder : IDisposable
{
    public JobFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "migrate-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string JobPath => System.IO.Path.Combine(Path, "job.yaml");

    public string CheckpointPath => System.IO.Path.Combine(Path, "job.checkpoint.db");

    public string ReportPath => System.IO.Path.Combine(Path, "report.json");

    /// <summary>Writes a secret file and returns its `file:` reference (relative to the job).</summary>
    public string Secret(string name, string value)
    {
        File.WriteAllText(System.IO.Path.Combine(Path, name), value + "\n");
        return "file:" + name;
    }

    public void WriteJob(string yaml) => File.WriteAllText(JobPath, yaml);

    public JsonElement ReadReport()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(ReportPath));
        return doc.RootElement.Clone();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

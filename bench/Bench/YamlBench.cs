using System.Diagnostics;
using System.Security.Cryptography;
using Reconciler.Schema.Loading;

namespace Reconciler.Bench;

/// <summary>
/// YAML loading in process, per generated domain manifest: the fast reader against the YamlDotNet path it falls back
/// to, and <see cref="YamlLoader.Load"/> as validate calls it. Time is the median pass; allocation is what the
/// loading thread allocated, divided by the files read. Load average from other work skews wall time; see CPU.
/// </summary>
public static class YamlBench
{
    private const int Files = 500;
    private const int Passes = 21;

    public static void Run()
    {
        using var rsa = RSA.Create(2048);
        var key = Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo());
        var files = Enumerable.Range(0, Files)
            .Select(i => (File: $"domains/{PortfolioGenerator.DomainName(i)}.yaml", Text: PortfolioGenerator.Domain(i, PortfolioGenerator.DomainName(i), key, 0)))
            .ToList();
        var declined = files.Count(f => FastYamlReader.TryRead(f.Text, f.File) is null);
        Console.WriteLine($"yaml: {Files} generated manifests, {files.Average(f => f.Text.Length):0} chars each; fast reader declined {declined}");

        Measure("fast reader      ", files, f => FastYamlReader.TryRead(f.Text, f.File));
        Measure("YamlDotNet path  ", files, f => YamlLoader.LoadWithYamlDotNet(f.Text, f.File).Document);
        Measure("YamlLoader.Load  ", files, f => YamlLoader.Load(f.Text, f.File).Document);
    }

    private static void Measure(string label, List<(string File, string Text)> files, Func<(string File, string Text), Node?> load)
    {
        // Warm-up passes: JIT and tiered compilation settle before anything is timed.
        var sink = 0;
        for (var pass = 0; pass < 5; pass++)
        {
            foreach (var f in files)
            {
                sink += load(f) is null ? 0 : 1;
            }
        }

        var times = new List<double>();
        long bytes = 0;
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        for (var pass = 0; pass < Passes; pass++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            foreach (var f in files)
            {
                sink += load(f) is null ? 0 : 1;
            }

            times.Add(watch.Elapsed.TotalMicroseconds / files.Count);
            bytes += GC.GetAllocatedBytesForCurrentThread() - before;
        }

        // CPU time as well as wall time: on a shared, loaded machine it is the steadier of the two.
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalMicroseconds / (Passes * files.Count);
        times.Sort();
        Console.WriteLine($"{label}: {times[times.Count / 2],7:0.0} µs per file (best {times[0]:0.0}; CPU {cpu:0.0} µs), " +
                          $"{bytes / (Passes * files.Count) / 1024.0,6:0.0} KB allocated per file" + (sink < 0 ? "" : ""));
    }
}

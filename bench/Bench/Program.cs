using System.Globalization;
using Reconciler.Bench;

// Benchmarks of the built binary, end to end (process start included), as the issues' targets are stated.
// usage: Bench --reconciler PATH [validate|plan|apply|all] [--sizes 1000,10000]
//        Bench drift [--sizes 1000] [--passes 100]   (in process: the daemon's drift detection; no --reconciler needed)
var what = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal) && a != Arg("--reconciler") && a != Arg("--sizes") && a != Arg("--passes")) ?? "all";
var sizes = (Arg("--sizes") ?? (what == "drift" ? "1000" : "1000,10000")).Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
var work = Path.Combine(Path.GetTempPath(), "reconciler-bench");
if (what == "drift")
{
    foreach (var n in sizes)
    {
        var root = Path.Combine(work, $"drift{n}");
        if (!File.Exists(Path.Combine(root, "reconciler.yaml")))
        {
            PortfolioGenerator.Write(root, n);
        }

        await DriftBenchmark.RunAsync(root, n, int.Parse(Arg("--passes") ?? "100", CultureInfo.InvariantCulture));
    }

    return;
}

var reconciler = Arg("--reconciler") ?? throw new ArgumentException("--reconciler PATH (the published reconciler executable) is required");

Console.WriteLine($"reconciler: {reconciler}");
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}");
foreach (var n in sizes)
{
    var root = Path.Combine(work, $"p{n}");
    if (!File.Exists(Path.Combine(root, "reconciler.yaml")))
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, true);
        }

        PortfolioGenerator.Write(root, n);
    }

    if (what is "validate" or "all")
    {
        Report($"validate {n,6} domains", Best(() => Measurement.Run(reconciler, root, "validate")));
    }
}

static Measurement.Result Best(Func<Measurement.Result> run)
{
    // One warm-up (file cache), then the best of three: the figure least disturbed by other work on the machine.
    run();
    return Enumerable.Range(0, 3).Select(_ => run()).OrderBy(r => r.Elapsed).First();
}

static void Report(string label, Measurement.Result r) =>
    Console.WriteLine($"{label}: {r.Elapsed.TotalSeconds,6:0.000} s, peak {r.PeakBytes / 1024.0 / 1024.0,6:0} MB, exit {r.ExitCode}" + (r.ExitCode > 1 ? "  " + r.Output.Split('\n')[0] : ""));

string? Arg(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

using System.Globalization;
using Reconciler.Bench;

// Benchmarks of the built binary, end to end (process start included), as the issues' targets are stated; and
// in-process figures for the SPF evaluator over the RFC 7208 suite.
// usage: Bench --reconciler PATH [validate|plan|apply|posture|spf-suite|all] [--sizes 1000,10000]
var what = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal) && a != Arg("--reconciler") && a != Arg("--sizes")) ?? "all";
if (what == "spf-suite")
{
    await SpfSuiteBench.RunAsync();
    return;
}

var reconciler = Arg("--reconciler") ?? throw new ArgumentException("--reconciler PATH (the published reconciler executable) is required");
var sizes = (Arg("--sizes") ?? "1000,10000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
var work = Path.Combine(Path.GetTempPath(), "reconciler-bench");

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

    if (what is "posture" or "all")
    {
        // Manifest-only (no network); the target is under 2 s for 1,000 domains.
        Report($"posture  {n,6} domains (manifests, json)", Best(() => Measurement.Run(reconciler, root, "posture", "--format", "json")));
        Report($"posture  {n,6} domains (manifests, html)", Best(() => Measurement.Run(reconciler, root, "posture", "--format", "html", "--out", Path.Combine(work, $"posture-{n}.html"))));
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

if (what == "all")
{
    await SpfSuiteBench.RunAsync();
}

string? Arg(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

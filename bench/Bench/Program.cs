using System.Globalization;
using Reconciler.Bench;

// Benchmarks of the built binary, end to end (process start included), as the issues' targets are stated; and
// in-process figures: the daemon's drift detection, the SPF evaluator over the RFC 7208 suite.
// usage: Bench --reconciler PATH [validate|plan|apply|posture|all] [--sizes 1000,10000]
//        Bench drift [--sizes 1000] [--passes 100]   (in process: the daemon's drift detection; no --reconciler needed)
//        Bench --reconciler PATH dns [--sizes 1000] [--passes 20] [--parallelism N] [--baseline PATH]   (rfc2136 against a local BIND)
//        Bench spf-suite                             (in process: the RFC 7208 suite through the SPF evaluator)
//        Bench yaml                                  (in process: per-manifest YAML loading, fast reader vs YamlDotNet)
var what = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal) && a != Arg("--reconciler") && a != Arg("--sizes") && a != Arg("--passes") && a != Arg("--parallelism") && a != Arg("--baseline")) ?? "all";
if (what == "yaml")
{
    YamlBench.Run();
    return;
}

if (what == "spf-suite")
{
    await SpfSuiteBench.RunAsync();
    return;
}

var sizes = (Arg("--sizes") ?? (what is "drift" or "dns" ? "1000" : "1000,10000")).Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
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
if (what == "dns")
{
    var parallelism = Arg("--parallelism") is { } p ? int.Parse(p, CultureInfo.InvariantCulture) : (int?)null;
    Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}");
    foreach (var n in sizes)
    {
        await DnsBenchmark.RunAsync(reconciler, Arg("--baseline"), Path.Combine(work, $"dns{n}"), n, int.Parse(Arg("--passes") ?? "20", CultureInfo.InvariantCulture), parallelism, CancellationToken.None);
    }

    return;
}


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

    if (what is "plan" or "all")
    {
        if (!Directory.Exists(Path.Combine(root, "state")))
        {
            await LiveStateGenerator.WriteAsync(root);
        }

        var result = Best(() => Measurement.Run(reconciler, root, "plan", "--detailed-exitcode"));
        Report($"plan     {n,6} domains (in sync)", result);
        if (result.ExitCode != 0)
        {
            Console.WriteLine("  expected no changes: " + string.Join(" | ", result.Output.Split('\n').TakeLast(3)));
        }
    }

    if (what is "apply" or "all")
    {
        // Every domain's web server address changes: one record-set update per domain, applied and verified.
        if (!Directory.Exists(Path.Combine(root, "state")))
        {
            await LiveStateGenerator.WriteAsync(root);
        }

        var keyLine = File.ReadLines(Path.Combine(root, "domains", PortfolioGenerator.DomainName(0) + ".yaml")).First(l => l.Contains("publicKey", StringComparison.Ordinal));
        var key = keyLine[(keyLine.IndexOf("publicKey: \"", StringComparison.Ordinal) + 12)..keyLine.LastIndexOf('"')];
        var runs = new List<Measurement.Result>();
        for (var run = 0; run < 3; run++)
        {
            var copy = Path.Combine(work, $"apply{n}");
            if (Directory.Exists(copy))
            {
                Directory.Delete(copy, true);
            }

            CopyTree(root, copy);
            for (var i = 0; i < n; i++)
            {
                File.WriteAllText(Path.Combine(copy, "domains", PortfolioGenerator.DomainName(i) + ".yaml"), PortfolioGenerator.Domain(i, PortfolioGenerator.DomainName(i), key, 1));
            }

            runs.Add(Measurement.Run(reconciler, copy, "apply", "--yes"));
        }

        var best = runs.OrderBy(r => r.Elapsed).First();
        Report($"apply    {n,6} one-record changes", best);
        Console.WriteLine("  " + best.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last());
    }
}

if (what == "all")
{
    await SpfSuiteBench.RunAsync();
}

static void CopyTree(string from, string to)
{
    foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
    {
        Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
    }

    foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
    {
        if (!file.Contains(".reconciler", StringComparison.Ordinal))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)), true);
        }
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

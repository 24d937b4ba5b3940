using System.Diagnostics;
using System.Globalization;
using Reconciler.Applying;
using Reconciler.Cli;
using Reconciler.Daemon;

namespace Reconciler.Bench;

/// <summary>
/// The daemon's drift detection, in process: one pass over a generated portfolio on the embedded providers
/// (zonefile, postfix-dovecot) with 1% of the zones edited by hand, timed; then many passes with the managed heap
/// measured after each, to show memory stays flat (no per-pass leak in the daemon's long life).
/// </summary>
public static class DriftBenchmark
{
    public static async Task RunAsync(string root, int domains, int passes)
    {
        var services = new CliServices(TextWriter.Null, Console.Error, false, TimeProvider.System);
        var loaded = await services.LoadPortfolioAsync(root, CancellationToken.None);
        if (loaded.Portfolio is null || loaded.HasErrors)
        {
            throw new InvalidOperationException("generated portfolio has errors: " + string.Join("; ", loaded.Diagnostics.Take(3)));
        }

        var portfolio = loaded.Portfolio;
        var providers = services.CreateProviders(portfolio.Config);
        var marker = Path.Combine(root, "state", ".seeded");
        if (!File.Exists(marker))
        {
            var seed = Stopwatch.StartNew();
            await using var journal = await Journal.OpenAsync(Path.Combine(root, ".reconciler", "journal.db"), CancellationToken.None);
            var plan = await new Reconciling.PortfolioPlanner(providers, TimeProvider.System).PlanAsync(portfolio, null, [], null, null, CancellationToken.None);
            var result = await new PlanExecutor(providers, journal, TimeProvider.System).ApplyAsync(plan, new ApplyOptions(AllowDestructive: true, CheckFingerprints: false), CancellationToken.None);
            if (result.Failed)
            {
                throw new InvalidOperationException("seeding live state failed: " + (result.Refusal ?? result.Domains.First(d => d.Failed).Error));
            }

            File.WriteAllText(marker, "");
            Console.WriteLine($"drift: seeded live state for {domains} domains ({result.Applied} steps) in {seed.Elapsed.TotalSeconds:0.0} s");
            for (var i = 0; i < domains; i += 100)
            {
                // A hand edit in 1% of the zones: someone changed the web server's address outside Git.
                var zone = Path.Combine(root, "state", "zones", PortfolioGenerator.DomainName(i) + ".zone");
                var text = File.ReadAllText(zone);
                var at = text.IndexOf(" A ", StringComparison.Ordinal);
                var end = text.IndexOf('\n', at);
                File.WriteAllText(zone, text[..at] + " A 198.51.100.250" + text[end..]);
            }
        }

        var detector = new DriftDetector(providers, TimeProvider.System);
        var timings = new List<double>();
        var heaps = new List<long>();
        var drifted = 0;
        for (var pass = 0; pass <= passes; pass++)
        {
            var watch = Stopwatch.StartNew();
            var result = await detector.DetectAsync(portfolio, null, [], CancellationToken.None);
            watch.Stop();
            drifted = result.Reports.Count;
            if (pass == 0)
            {
                Console.WriteLine($"drift: first pass (cold) {watch.Elapsed.TotalSeconds:0.000} s, {drifted} drifted of {result.Plan.Domains.Count}, {result.Plan.Domains.Count(d => d.Error is not null)} with errors");
                continue;
            }

            timings.Add(watch.Elapsed.TotalSeconds);
            heaps.Add(GC.GetTotalMemory(forceFullCollection: true));
        }

        timings.Sort();
        var first = heaps.Take(5).Average();
        var last = heaps.TakeLast(5).Average();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"drift {domains,6} domains: pass median {timings[timings.Count / 2]:0.000} s, best {timings[0]:0.000} s, worst {timings[^1]:0.000} s over {passes} passes; {drifted} drifted"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"drift {domains,6} domains: managed heap after passes 1-5 {first / 1048576:0.0} MB, after passes {passes - 4}-{passes} {last / 1048576:0.0} MB ({(last - first) / first * 100:+0.0;-0.0}%), max {heaps.Max() / 1048576.0:0.0} MB; working set {Environment.WorkingSet / 1048576.0:0} MB"));
    }
}

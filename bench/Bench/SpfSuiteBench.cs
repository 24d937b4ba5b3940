using System.Diagnostics;
using System.Net;
using Reconciler.Posture;
using Reconciler.Posture.Spf;
using Reconciler.Tests.Posture;

namespace Reconciler.Bench;

/// <summary>
/// The SPF evaluator over the whole openspf RFC 7208 suite, in process: every case evaluated against its zone data
/// (in-memory resolver, so the figure is the evaluator's own cost). Zones are built once; each pass runs all cases.
/// </summary>
public static class SpfSuiteBench
{
    private const int Passes = 200;

    public static async Task RunAsync()
    {
        var suite = SpfSuite.Load();
        var cases = suite.Cases.Select(c => (Case: c, Resolver: (IPostureResolver)SpfSuite.BuildResolver(c.ZoneData), Ip: IPAddress.Parse(c.Host))).ToList();
        var options = new SpfEvaluatorOptions { DefaultExplanation = "DEFAULT" };

        async Task<(TimeSpan Elapsed, int Matching)> PassAsync()
        {
            var matching = 0;
            var watch = Stopwatch.StartNew();
            foreach (var (c, resolver, ip) in cases)
            {
                var result = await new SpfEvaluator(resolver, options).CheckMailFromAsync(ip, c.MailFrom, c.Helo, CancellationToken.None);
                if (c.Results.Contains(result.Result.ToString().ToLowerInvariant()))
                {
                    matching++;
                }
            }

            return (watch.Elapsed, matching);
        }

        var warm = await PassAsync(); // JIT and caches
        var times = new List<TimeSpan>();
        for (var i = 0; i < Passes; i++)
        {
            times.Add((await PassAsync()).Elapsed);
        }

        times.Sort();
        var median = times[times.Count / 2];
        Console.WriteLine($"spf-suite {cases.Count} cases ({warm.Matching} results as expected): first pass {warm.Elapsed.TotalMilliseconds:0.0} ms; " +
                          $"then median {median.TotalMilliseconds:0.000} ms per suite, best {times[0].TotalMilliseconds:0.000} ms " +
                          $"({median.TotalMicroseconds / cases.Count:0.0} µs per evaluation) over {Passes} passes");
    }
}
